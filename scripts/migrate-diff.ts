// Prints the SQL that brings prisma/migrations up to prisma/schema.prisma: how new migrations are
// written here, since `prisma migrate dev` / `prisma migrate diff` need Prisma's native engine.
//
//   mkdir prisma/migrations/20261201090000_add_thing
//   npx tsx scripts/migrate-diff.ts > prisma/migrations/20261201090000_add_thing/migration.sql
//
// Review the SQL (renames come out as drop + add), then `npm run migrate`. `--exit-code` exits 2
// when there is a difference, like `prisma migrate diff --exit-code`.
//
// The migrations are replayed on a throwaway database: created (and dropped) on DATABASE_URL's
// server when that is a real PostgreSQL server, otherwise a fresh embedded database (`--embedded`
// forces that). On a machine with Prisma's engine the standard command gives the same result:
//   npx prisma migrate diff --from-migrations prisma/migrations --to-schema prisma/schema.prisma \
//     --script --shadow-database-url <url>
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { diffMigrationsToSchema, ShadowDatabaseError, type DiffOptions } from '../lib/db/drift.ts';
import { startEmbeddedDatabase } from '../lib/db/embedded.ts';

const args = new Set(process.argv.slice(2));
const unknown = [...args].filter((a) => a !== '--exit-code' && a !== '--embedded');
if (unknown.length > 0) {
  console.error(`migrate-diff: unknown option ${unknown[0]} (options: --exit-code, --embedded)`);
  process.exit(1);
}

const root = path.resolve(import.meta.dirname, '..');
const paths = {
  migrationsDir: path.join(root, 'prisma', 'migrations'),
  schemaPath: path.join(root, 'prisma', 'schema.prisma'),
};

async function diff(shadow: DiffOptions['shadow']) {
  return diffMigrationsToSchema({ ...paths, shadow });
}

async function diffOnEmbedded() {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'lantern-shadow-'));
  const db = await startEmbeddedDatabase({ dataDir, port: 0, log: () => {} });
  try {
    return await diff({ url: db.url });
  } finally {
    await db.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

try {
  const serverUrl = process.env.DATABASE_URL;
  let result;
  if (serverUrl && !args.has('--embedded')) {
    try {
      result = await diff({ adminUrl: serverUrl });
    } catch (e) {
      // The embedded server cannot host a second database: fall back to a private one.
      if (!(e instanceof ShadowDatabaseError)) throw e;
      result = await diffOnEmbedded();
    }
  } else {
    result = await diffOnEmbedded();
  }
  process.stdout.write(result.sql);
  if (result.drift) console.error('migrate-diff: schema.prisma differs from the migrations (SQL above).');
  else console.error('migrate-diff: schema.prisma and the migrations agree.');
  process.exit(args.has('--exit-code') && result.drift ? 2 : 0);
} catch (e) {
  console.error(`migrate-diff failed: ${((e as Error).message ?? String(e)).split('\n')[0]}`);
  process.exit(1);
}
