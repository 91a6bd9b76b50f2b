// npm run sql:functions — rewrites prisma/sql/<name>.sql from a database migrated to the latest
// migration (DATABASE_URL, the owner), and removes files of functions that no longer exist.
// npm run sql:migration -- <label> <name> [<name> ...] — writes a new migration that creates or
// replaces the named functions from their files (edit the file first, then make the migration).
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { SQL_DIR, liveFunctions } from '../lib/db/sql-functions.ts';

const [command, ...args] = process.argv.slice(2);

if (command === 'write') {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('Set DATABASE_URL to a database migrated to the latest migration.');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const live = await liveFunctions(client);
  await client.end();
  mkdirSync(SQL_DIR, { recursive: true });
  const keep = new Set(live.map((f) => `${f.name}.sql`));
  for (const file of readdirSync(SQL_DIR)) if (file.endsWith('.sql') && !keep.has(file)) rmSync(path.join(SQL_DIR, file));
  for (const f of live) writeFileSync(path.join(SQL_DIR, `${f.name}.sql`), f.source);
  console.log(`Wrote ${live.length} function files to prisma/sql/.`);
} else if (command === 'migration') {
  const [label, ...names] = args;
  if (!label || !/^[a-z0-9_]+$/.test(label) || names.length === 0) {
    console.error('Usage: npm run sql:migration -- <label_in_snake_case> <function> [<function> ...]');
    process.exit(2);
  }
  // After every existing migration, even one stamped ahead of this machine's clock.
  const latest =
    readdirSync(path.join(SQL_DIR, '../migrations'))
      .filter((d) => /^\d{14}_/.test(d))
      .sort()
      .at(-1)
      ?.slice(0, 14) ?? '0';
  const now = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
  const stamp = now > latest ? now : String(BigInt(latest) + 1n);
  const dir = path.join(SQL_DIR, '../migrations', `${stamp}_${label}`);
  const body = names.map((n) => readFileSync(path.join(SQL_DIR, `${n}.sql`), 'utf8')).join('\n');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'migration.sql'), `-- Functions from prisma/sql/: ${names.join(', ')}\n${body}`);
  console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql`);
} else {
  console.error('Usage: tsx scripts/sql-functions.ts write | migration <label> <function>...');
  process.exit(2);
}
