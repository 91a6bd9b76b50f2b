import { defineConfig } from 'prisma/config';

// The URL is only needed by commands that talk to a database (migrate deploy/status on machines
// with Prisma's engine). `prisma generate` runs at install time without one.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations', seed: 'tsx prisma/seed.ts' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/lantern' },
});
