import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { decryptField } from '@/lib/crypto/fields.ts';
import { notFound } from '@/lib/errors.ts';
import { uuidField } from '@/lib/validation.ts';
import { programNow } from '@/lib/calendar/index.ts';

// An access request (BC's privacy law): everything Lantern holds about one person, for a manager
// to read or hand over. The rows are found through the catalog (every foreign key to
// participant), so tables added by later features are included without a change here.

export type JsonScalar = string | number | boolean | null;
export type JsonRow = { [key: string]: JsonScalar | JsonScalar[] | JsonRow | JsonRow[] };

/** One single-column foreign key to participant(id); identifiers come quoted from the catalog. */
export type ParticipantReference = { table: string; column: string; qualifiedTable: string; quotedColumn: string };

/** Every foreign key to participant(id), read from pg_constraint. Internal: callers authorize first. */
export async function participantReferences(client: Tx = db): Promise<ParticipantReference[]> {
  return client.$queryRaw<ParticipantReference[]>`
    SELECT cl.relname::text AS "table", a.attname::text AS "column",
           format('%I.%I', n.nspname, cl.relname) AS "qualifiedTable", format('%I', a.attname) AS "quotedColumn"
    FROM pg_constraint c
    JOIN pg_class cl ON cl.oid = c.conrelid
    JOIN pg_namespace n ON n.oid = cl.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
    JOIN pg_attribute ra ON ra.attrelid = c.confrelid AND ra.attnum = c.confkey[1]
    WHERE c.contype = 'f' AND c.confrelid = 'participant'::regclass
      AND cardinality(c.conkey) = 1 AND ra.attname = 'id'
    ORDER BY cl.relname, a.attname`;
}

export type AccessRequest = {
  generatedAt: string;
  participant: JsonRow;
  visits: JsonRow[];
  /** Rows of every other table that refers to the person, by table name. */
  related: { table: string; column: string; rows: JsonRow[] }[];
};

// Tables with a section of their own (visits are shown with their services).
const OWN_SECTION = new Set(['visit']);

/**
 * Columns named `<name>_enc` hold text encrypted with the context `<table>:<row id>:<name>`
 * (lib/crypto/fields.ts). They are shown decrypted under `<name>`; a value that cannot be read
 * (another convention, another key) is marked as such rather than shown as bytes.
 */
function decrypted(table: string, row: JsonRow): JsonRow {
  const out: JsonRow = {};
  for (const [key, value] of Object.entries(row)) {
    if (!key.endsWith('_enc')) {
      out[key] = value;
      continue;
    }
    const name = key.slice(0, -4);
    if (typeof value !== 'string' || !value.startsWith('\\x')) {
      out[name] = null;
      continue;
    }
    try {
      out[name] = decryptField(Buffer.from(value.slice(2), 'hex'), `${table}:${String(row.id)}:${name}`);
    } catch {
      out[name] = '(encrypted; Lantern cannot read this value)';
    }
  }
  return out;
}

async function rowsOf(tx: Tx, ref: ParticipantReference, id: string): Promise<JsonRow[]> {
  // Identifiers are quoted by PostgreSQL's format('%I'); the id is a bound parameter.
  const rows = await tx.$queryRawUnsafe<{ row: JsonRow }[]>(
    `SELECT to_jsonb(t) AS row FROM ${ref.qualifiedTable} t WHERE t.${ref.quotedColumn} = $1::uuid ORDER BY t::text`,
    id,
  );
  return rows.map((r) => decrypted(ref.table, r.row));
}

async function visitsOf(tx: Tx, id: string): Promise<JsonRow[]> {
  const rows = await tx.$queryRaw<{ row: JsonRow }[]>`
    SELECT to_jsonb(v) || jsonb_build_object('services', coalesce((
      SELECT jsonb_agg(jsonb_build_object('service', st.name, 'kind', st.kind, 'quantity', vs.quantity, 'unit', st.unit) ORDER BY st.sort_order, st.name)
      FROM visit_service vs JOIN service_type st ON st.id = vs.service_type_id WHERE vs.visit_id = v.id), '[]'::jsonb)) AS row
    FROM visit v WHERE v.participant_id = ${id}::uuid ORDER BY v.visited_at, v.id`;
  return rows.map((r) => decrypted('visit', r.row));
}

/**
 * Everything held about one person, decrypted, with an audit event in the same transaction:
 * `participant.access_request_viewed` for the page, `_exported` for the download. Managers
 * (`participant:access_request`); an unknown or malformed id is "not found".
 */
export async function getAccessRequest(actor: Actor, id: unknown, purpose: 'view' | 'export'): Promise<AccessRequest> {
  assertCan(actor, 'participant:access_request');
  const parsed = uuidField().safeParse(id);
  if (!parsed.success) throw notFound('That participant');
  const participantId = parsed.data;
  return db.$transaction(async (tx) => {
    const [self] = await tx.$queryRaw<{ row: JsonRow }[]>`SELECT to_jsonb(p) AS row FROM participant p WHERE p.id = ${participantId}::uuid`;
    if (!self) throw notFound('That participant');
    const references = (await participantReferences(tx)).filter((r) => !OWN_SECTION.has(r.table));
    const related = [];
    for (const ref of references) related.push({ table: ref.table, column: ref.column, rows: await rowsOf(tx, ref, participantId) });
    const visits = await visitsOf(tx, participantId);
    const action = purpose === 'view' ? 'participant.access_request_viewed' : 'participant.access_request_exported';
    await recordAudit(tx, actor, action, {
      entityType: 'participant',
      entityId: participantId,
      details: { visits: visits.length, tables: related.filter((r) => r.rows.length).map((r) => r.table) },
    });
    return { generatedAt: programNow().toISOString(), participant: decrypted('participant', self.row), visits, related };
  });
}
