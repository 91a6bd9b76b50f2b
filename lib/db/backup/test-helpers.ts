// For the backup tests: what a database holds, as one comparable value, and how to fill one.
import pg from 'pg';

async function withClient<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

export type Fingerprint = {
  /** table → "row count:md5 of its rows' text, sorted" */
  tables: Record<string, string>;
  sequences: Record<string, string>;
  /** table.trigger → tgenabled */
  triggers: Record<string, string>;
};

/** Every table's rows, every sequence's state and every user trigger's state in `url`'s schema. */
export function fingerprint(url: string): Promise<Fingerprint> {
  return withClient(url, async (c) => {
    // The same text on every server, whatever its defaults.
    await c.query(`SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'; SET IntervalStyle = 'postgres'; SET extra_float_digits = 1`);
    const { rows: tables } = await c.query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r' ORDER BY 1`);
    const fp: Fingerprint = { tables: {}, sequences: {}, triggers: {} };
    for (const { name } of tables) {
      const { rows } = await c.query<{ n: string; h: string }>(
        `SELECT count(*)::text AS n, md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) AS h FROM "${name}" t`,
      );
      fp.tables[name] = `${rows[0]!.n}:${rows[0]!.h}`;
    }
    const { rows: seqs } = await c.query<{ name: string }>(`SELECT c.relname AS name FROM pg_class c
      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'S' ORDER BY 1`);
    for (const { name } of seqs) {
      const { rows } = await c.query<{ v: string }>(`SELECT last_value || '/' || is_called AS v FROM "${name}"`);
      fp.sequences[name] = rows[0]!.v;
    }
    const { rows: triggers } = await c.query<{ k: string; v: string }>(`SELECT c.relname || '.' || t.tgname AS k,
      t.tgenabled::text AS v FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal`);
    for (const t of triggers) fp.triggers[t.k] = t.v;
    return fp;
  });
}

export function tableCount(url: string): Promise<number> {
  return withClient(
    url,
    async (c) =>
      (
        await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_class c
    JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = current_schema() AND c.relkind = 'r'`)
      ).rows[0]!.n,
  );
}

export function sql<T extends pg.QueryResultRow = pg.QueryResultRow>(url: string, text: string, params: unknown[] = []): Promise<T[]> {
  return withClient(url, async (c) => (await c.query<T>(text, params)).rows);
}

/**
 * What the demo seed leaves empty but a live installation has: audit events (which the hash
 * chain's deferred trigger chains at commit), sign-in attempts and staff notices (sequences), a
 * setting (jsonb), and a merged participant whose record points at one loaded after it (a
 * self-reference the restore must check at the end, not row by row).
 */
export async function addLiveRows(url: string): Promise<void> {
  await withClient(url, async (c) => {
    await c.query('BEGIN');
    const [staff] = (await c.query<{ id: string; role: string }>('SELECT id, role::text FROM staff_user ORDER BY email LIMIT 1')).rows;
    for (let i = 0; i < 5; i++) {
      await c.query(
        `INSERT INTO audit_event (actor_id, actor_role, action, outcome, entity_type, entity_id, details)
        VALUES ($1, $2::"Role", 'participant.viewed', 'ok', 'participant', $3, $4)`,
        [staff!.id, staff!.role, `p-${i}`, JSON.stringify({ n: i, note: 'é ü "quoted" \\ back' })],
      );
    }
    await c.query(`INSERT INTO login_attempt (account_key, ip_key, success) VALUES ('a', 'b', false), ('a', 'c', true)`);
    await c.query(`INSERT INTO setting (key, value, updated_at) VALUES ('backup.test', '{"a": [1, 2.5, null]}', now())`);
    const people = (await c.query<{ id: string }>('SELECT id FROM participant ORDER BY id')).rows;
    // The first merged into the last: a forward reference in primary-key order.
    await c.query('UPDATE participant SET merged_into_id = $2 WHERE id = $1', [people[0]!.id, people.at(-1)!.id]);
    await c.query('COMMIT');
  });
}
