import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type pg from 'pg';

/**
 * Each database function's live source, one file per function under prisma/sql/ (`<name>.sql`).
 * Migrations stay as applied history; these files are where a reader finds what a function does
 * now. A data-layer test migrates a database and compares: a migration that redefines a function
 * without its file, or a file edited without a migration, fails it. `npm run sql:functions`
 * rewrites the files from a migrated database, `npm run sql:migration` writes a migration from them.
 */
export const SQL_DIR = path.join(path.dirname(new URL(import.meta.url).pathname), '../../prisma/sql');

export type SqlFunction = { name: string; source: string };

/** The functions this project defines in schema public (extensions' own are not ours), by name. */
export async function liveFunctions(client: pg.Client): Promise<SqlFunction[]> {
  const { rows } = await client.query<{ name: string; def: string }>(`
    SELECT p.proname AS name, pg_get_functiondef(p.oid) AS def
    FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
    WHERE n.nspname = 'public' AND p.prokind IN ('f', 'p')
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
    ORDER BY p.proname, pg_get_function_identity_arguments(p.oid)`);
  const byName = new Map<string, string[]>();
  for (const row of rows) byName.set(row.name, [...(byName.get(row.name) ?? []), fileText(row.def)]);
  return [...byName].map(([name, defs]) => ({ name, source: defs.join('\n') }));
}

/** One definition as its file holds it: PostgreSQL's own rendering, ended by a semicolon. */
function fileText(def: string): string {
  return `${def.replace(/\s+$/, '')};\n`;
}

/** The files under prisma/sql/, by function name. */
export function fileFunctions(dir = SQL_DIR): SqlFunction[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .map((f) => ({ name: f.slice(0, -'.sql'.length), source: readFileSync(path.join(dir, f), 'utf8') }));
}

/** Line endings and trailing spaces aside, is the file the live function? */
export function sameSource(a: string, b: string): boolean {
  const norm = (s: string) =>
    s
      .replace(/\r\n/g, '\n')
      .replace(/[ \t]+$/gm, '')
      .trimEnd();
  return norm(a) === norm(b);
}
