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

const onServer = !!process.env.DATABASE_URL;
// Workers for the data layer on a server (each on its own copy of the database). Measured on this
// 2-core machine (105 files, 693 tests): one at a time 568–651 s, two 443 s, four 475 s (then the
// cores, not the database round trips, are the limit). DB_TEST_WORKERS overrides it.
const DB_WORKERS = Number(process.env.DB_TEST_WORKERS ?? 2);

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
          include: ['lib/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts', 'prisma/**/*.test.ts', 'eslint/**/*.test.ts'],
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
          // On a PostgreSQL server each worker has its own copy of the migrated database (lib/db/test/
          // worker-database.ts), so files run in parallel. The embedded database runs every client in one
          // session: there its files run one at a time on one database, reset between tests.
          fileParallelism: onServer,
          // A worker's files share one module graph instead of each importing the app again: that
          // import was about a third of the suite's time. Measured here (105 files, 693 tests):
          // on the server 369 → 198 s, on the embedded database under faketime (two runs at once)
          // 827–837 → 392–395 s. It holds because no data-layer test mocks a module (vi.mock would
          // leak into the worker's later files) and each file closes its clients (setup.ts). The
          // unit project stays isolated: two of its files use vi.mock.
          isolate: false,
          maxWorkers: onServer ? DB_WORKERS : 1,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
