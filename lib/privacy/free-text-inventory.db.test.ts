import { describe, expect, it } from 'vitest';
import { rawClient } from '@/lib/db/test/reset.ts';
import { FREE_TEXT_INVENTORY, OUTSIDE_INVENTORY } from './free-text-inventory.ts';

// The rule: every column of the live schema that can hold words (text, varchar, char, json, jsonb,
// and arrays of those) is in the inventory with a decision. Types that cannot hold words (uuid,
// enums, numbers, dates, booleans) are not free text by their type. Bytea is listed where it holds
// encrypted text, so de-identification finds it.

type Column = { table: string; column: string; type: string };

const WORDY = ['text', 'varchar', 'bpchar', 'json', 'jsonb', '_text', '_varchar', '_bpchar', '_json', '_jsonb'];

async function liveColumns(): Promise<Column[]> {
  const { rows } = await (
    await rawClient()
  ).query<Column>(`
    SELECT c.table_name AS "table", c.column_name AS "column", c.udt_name AS type
    FROM information_schema.columns c
    JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
    WHERE c.table_schema = current_schema()
    ORDER BY 1, 2`);
  return rows.filter((r) => !OUTSIDE_INVENTORY.has(r.table));
}

const key = (c: { table: string; column: string }) => `${c.table}.${c.column}`;

describe('free-text inventory', () => {
  it('gives every column that can hold words a decision', async () => {
    const listed = new Set(FREE_TEXT_INVENTORY.map(key));
    const missing = (await liveColumns()).filter((c) => WORDY.includes(c.type) && !listed.has(key(c))).map(key);
    expect(missing, 'text columns with no decision in lib/privacy/free-text-inventory.ts').toEqual([]);
  });

  it('names only columns that exist, once each, with a type that fits the decision', async () => {
    const live = new Map((await liveColumns()).map((c) => [key(c), c.type]));
    const problems: string[] = [];
    const seen = new Set<string>();
    for (const e of FREE_TEXT_INVENTORY) {
      const type = live.get(key(e));
      if (seen.has(key(e))) problems.push(`${key(e)} listed twice`);
      seen.add(key(e));
      if (!type) problems.push(`${key(e)} does not exist`);
      else if (e.decision === 'encrypted' && type !== 'bytea') problems.push(`${key(e)} is encrypted but ${type}`);
      else if (e.decision === 'choices' && WORDY.includes(type)) problems.push(`${key(e)} is a list of choices but ${type}`);
      if (e.person && !live.has(`${e.table}.${e.person}`)) problems.push(`${key(e)}: no column ${e.person} for the person`);
      if (!e.why.trim()) problems.push(`${key(e)} has no reason`);
    }
    expect(problems).toEqual([]);
  });

  it('erases every encrypted or clear column that sits on a row linked to a participant', async () => {
    // A table with a participant id whose words the inventory does not tie to the person would
    // survive de-identification: each such column needs `person`, or a reason in its `why`.
    const { rows } = await (
      await rawClient()
    ).query<{ table: string; column: string }>(`
      SELECT cl.relname::text AS "table", a.attname::text AS "column"
      FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid
      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
      WHERE c.contype = 'f' AND c.confrelid = 'participant'::regclass AND cardinality(c.conkey) = 1`);
    const linked = new Set(rows.map((r) => r.table));
    const unlinked = FREE_TEXT_INVENTORY.filter(
      (e) => linked.has(e.table) && e.table !== 'participant' && (e.decision === 'encrypted' || e.decision === 'clear') && !e.person,
    );
    // The one known exception: a bad date report stays (anonymous) when its reporter is de-identified.
    expect(unlinked.map(key)).toEqual(['alert_report.details_enc']);
  });
});
