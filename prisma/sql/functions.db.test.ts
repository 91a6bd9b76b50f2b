import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rawClient } from '../../lib/db/test/reset.ts';
import { fileFunctions, liveFunctions, sameSource } from '../../lib/db/sql-functions.ts';

const HOW =
  'prisma/sql/<name>.sql holds each database function as the migrations leave it: after a migration that adds or replaces a function, run `npm run sql:functions` (DATABASE_URL: a migrated database); to change one, edit its file and run `npm run sql:migration -- <label> <name>`.';

describe('prisma/sql holds every database function as it is live', () => {
  it('has one file per function of the migrated database, equal to its live definition', async () => {
    const live = await liveFunctions(await rawClient());
    const files = new Map(fileFunctions().map((f) => [f.name, f.source]));
    expect(live.length).toBeGreaterThan(30);
    const missing = live.filter((f) => !files.has(f.name)).map((f) => f.name);
    const differs = live.filter((f) => files.has(f.name) && !sameSource(files.get(f.name)!, f.source)).map((f) => f.name);
    const stale = [...files.keys()].filter((name) => !live.some((f) => f.name === name));
    expect({ missing, differs, stale }, HOW).toEqual({ missing: [], differs: [], stale: [] });
  });

  it('notices a file that says something else than the live function', async () => {
    const [first] = await liveFunctions(await rawClient());
    const dir = mkdtempSync(path.join(tmpdir(), 'sql-'));
    writeFileSync(path.join(dir, `${first!.name}.sql`), first!.source.replace('BEGIN', 'BEGIN\n  PERFORM 1;'));
    const [edited] = fileFunctions(dir);
    expect(edited!.name).toBe(first!.name);
    expect(sameSource(edited!.source, first!.source)).toBe(false);
    expect(sameSource(`${first!.source}  \n`, first!.source)).toBe(true);
  });
});
