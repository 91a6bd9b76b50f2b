// What a backup covers, read from PostgreSQL's catalog: every ordinary table in the schema the
// connection works in (Lantern's; `_prisma_migrations` included), its columns, primary key and
// foreign keys, and every sequence. Works the same on PostgreSQL 15 and the embedded PGlite 18.
import type pg from 'pg';

export type TableInfo = {
  name: string;
  /** Columns in the table's order; generated ones are kept in the dump but never inserted. */
  columns: { name: string; generated: boolean }[];
  primaryKey: string[];
  /** The table has a GENERATED ALWAYS identity column: inserts need OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean;
};
export type ForeignKey = { name: string; table: string; references: string; deferrable: boolean };

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;

export async function listTables(client: pg.ClientBase): Promise<TableInfo[]> {
  const { rows } = await client.query<{ name: string; columns: TableInfo['columns']; pk: string[] | null; identity_always: boolean }>(`
    SELECT c.relname AS name,
      (SELECT json_agg(json_build_object('name', a.attname, 'generated', a.attgenerated <> '') ORDER BY a.attnum)
         FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
      (SELECT array_agg(a.attname::text ORDER BY k.ord)
         FROM pg_constraint p CROSS JOIN LATERAL unnest(p.conkey) WITH ORDINALITY AS k(attnum, ord)
         JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum
        WHERE p.conrelid = c.oid AND p.contype = 'p') AS pk,
      EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attidentity = 'a') AS identity_always
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r'
    ORDER BY c.relname`);
  return rows.map((r) => ({ name: r.name, columns: r.columns, primaryKey: r.pk ?? [], identityAlways: r.identity_always }));
}

export async function listForeignKeys(client: pg.ClientBase): Promise<ForeignKey[]> {
  const { rows } = await client.query<ForeignKey>(`
    SELECT p.conname AS name, c.relname AS table, r.relname AS "references", p.condeferrable AS deferrable
    FROM pg_constraint p JOIN pg_class c ON c.oid = p.conrelid JOIN pg_class r ON r.oid = p.confrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE p.contype = 'f' AND n.nspname = current_schema()
    ORDER BY c.relname, p.conname`);
  return rows;
}

export async function listSequences(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY c.relname`);
  return rows.map((r) => r.name);
}

/**
 * Tables ordered so that each comes after the tables it references (ties by name), so a restore
 * can load them in this order with the foreign keys checked as it goes. A self-reference or a
 * cycle cannot be ordered away: `backwardKeys` names the keys a restore must check at commit.
 */
export function foreignKeyOrder(tables: string[], keys: ForeignKey[]): string[] {
  const pending = new Set(tables);
  const order: string[] = [];
  while (pending.size > 0) {
    const ready = [...pending].filter((t) => keys.every((k) => k.table !== t || k.references === t || !pending.has(k.references)));
    // A cycle: take the first by name and let the restore defer its keys.
    const next = ready.length > 0 ? ready : [[...pending].sort()[0]!];
    for (const t of next.sort()) {
      order.push(t);
      pending.delete(t);
    }
  }
  return order;
}

/** The foreign keys whose referenced table is not loaded strictly before their own table. */
export function backwardKeys(order: string[], keys: ForeignKey[]): ForeignKey[] {
  const position = new Map(order.map((t, i) => [t, i]));
  return keys.filter((k) => (position.get(k.references) ?? Infinity) >= (position.get(k.table) ?? -1));
}
