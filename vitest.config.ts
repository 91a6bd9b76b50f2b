import path from 'node:path';
import { defineConfig } from 'vitest/config';

const root = path.dirname(new URL(import.meta.url).pathname);
const resolve = {
  alias: {
    '@': root,
    // Server-only modules are imported directly by data-layer tests, which run in Node.
    'server-only': path.join(root, 'lib/db/test/empty.ts'),
  },
};

// Two projects: `unit` for pure logic (fast, no database) and `db` for everything that talks to
// PostgreSQL — DATABASE_URL's server when set, otherwise the embedded database.
export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: {
          name: 'unit',
          environment: 'node',
          include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts', 'prisma/**/*.test.ts'],
          exclude: ['**/*.db.test.ts', 'node_modules/**'],
        },
      },
      {
        resolve,
        test: {
          name: 'db',
          environment: 'node',
          include: ['lib/**/*.db.test.ts', 'scripts/**/*.db.test.ts', 'prisma/**/*.db.test.ts'],
          globalSetup: ['lib/db/test/global-setup.ts'],
          setupFiles: ['lib/db/test/setup.ts'],
          // One PostgreSQL database shared by the files, reset between tests: run files one at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
