import type { PlanDay } from './day-plan.ts';

// Set-based SQL that turns a day plan into visits and their services, for the demo seed and the
// benchmark alike: one statement per batch of days, whatever the number of visits. Randomness
// comes from hashing (day, slot) with the seed (hashint8extended), so the same plan and seed give
// the same rows on any run; ids are md5-derived and shaped as version 4 UUIDs.

/** Runs one statement; every parameter travels as text (JSON where structured). */
export type Exec = (sql: string, params?: string[]) => Promise<unknown>;

export type VisitBatchOptions = {
  seed: number;
  /** Prefix of every md5-derived id, so two loads (dataset, today's top-up) never collide. */
  namespace: string;
  /** Desk staff who log (and void) the visits. */
  staffIds: readonly string[];
  /** Nothing is logged or voided after this instant. */
  now: Date;
  anonymousShare?: number;
  voidShare?: number;
};

// How often each default service or supply is used per visit, and supply quantities.
export const SERVICE_MIX = [
  { key: 'meal', share: 0.55, min: 1, max: 1 },
  { key: 'shower', share: 0.24, min: 1, max: 1 },
  { key: 'laundry', share: 0.15, min: 1, max: 1 },
  { key: 'internet', share: 0.2, min: 1, max: 1 },
  { key: 'clothing', share: 0.12, min: 1, max: 1 },
  { key: 'counselling', share: 0.14, min: 1, max: 1 },
  { key: 'crisis', share: 0.02, min: 1, max: 1 },
  { key: 'alert_check', share: 0.1, min: 1, max: 1 },
  { key: 'condoms', share: 0.35, min: 1, max: 6 },
  { key: 'naloxone', share: 0.08, min: 1, max: 2 },
  { key: 'safer_use', share: 0.2, min: 1, max: 4 },
  { key: 'hygiene', share: 0.15, min: 1, max: 1 },
];

const VOID_REASONS = ['Logged for the wrong person', 'Entered twice', 'Wrong day', 'Logged by mistake'];

// A uniform float in [0, 1) from (day, slot) and a salt: the same inputs, the same draw.
const draw = (salt: number) => `((hashint8extended(c.day::bigint * 1048576 + c.slot, o.seed * 16 + ${salt}) & 140737488355327)::float8 / 140737488355328)`;
const v4 = (text: string) => `overlay(overlay(md5(${text}) placing '4' from 13) placing '8' from 17)::uuid`;

// Candidates are drawn twice over, then one per person per day is kept (nobody visits twice a
// day), then the first `visits` of the day. Regulars (a quarter of people) make 70% of named
// visits, the most regular ones most often; the rest come now and then, many only once or twice.
export const INSERT_VISITS_SQL = `
WITH o AS (
  SELECT (j->>'seed')::bigint AS seed, j->>'ns' AS ns, (j->>'now')::timestamptz AS now,
         (j->>'anonymous')::float8 AS anonymous, (j->>'void')::float8 AS void_share,
         ARRAY(SELECT jsonb_array_elements_text(j->'staff')::uuid) AS staff,
         ARRAY(SELECT jsonb_array_elements_text(j->'reasons')) AS reasons
  FROM (SELECT $2::jsonb AS j) x
), plan AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(date date, day int, "opensAt" timestamptz, seconds int, visits int, "mayVoid" boolean)
), people AS (
  SELECT id, (row_number() OVER (ORDER BY id) - 1)::int AS rank
  FROM participant WHERE alias IS NOT NULL AND deidentified_at IS NULL AND merged_into_id IS NULL
), pool AS (SELECT count(*)::int AS n FROM people),
c AS (
  SELECT p.*, s.slot FROM plan p CROSS JOIN LATERAL generate_series(1, p.visits * 2 + 5) AS s(slot)
), drawn AS (
  SELECT c.date, c.day, c.slot, c.visits, c."mayVoid",
    c."opensAt" + make_interval(secs => floor(c.seconds * power(${draw(4)}, 1.4))) AS visited_at,
    CASE WHEN pool.n = 0 OR ${draw(1)} < o.anonymous THEN NULL
         WHEN ${draw(2)} < 0.7 THEN floor(pool.n * 0.25 * power(${draw(3)}, 1.6))::int
         ELSE floor(pool.n * 0.25 + pool.n * 0.75 * power(${draw(3)}, 2.5))::int END AS rank,
    ${draw(5)} AS u_staff, ${draw(6)} AS u_void, ${draw(7)} AS u_reason, ${draw(8)} AS u_delay
  FROM c CROSS JOIN o CROSS JOIN pool
), once_a_day AS (
  SELECT DISTINCT ON (day, coalesce(rank, -slot)) * FROM drawn ORDER BY day, coalesce(rank, -slot), slot
), kept AS (
  SELECT *, row_number() OVER (PARTITION BY day ORDER BY slot) AS nth FROM once_a_day
), chosen AS (
  SELECT k.*, o.ns, o.now, o.staff, o.reasons,
    least(k.visited_at + make_interval(secs => 20 + floor(k.u_delay * 160)), o.now) AS created_at,
    k."mayVoid" AND k.u_void < o.void_share AS voided,
    ${v4(`o.ns || ':visit:' || k.date || ':' || k.slot`)} AS visit_id
  FROM kept k CROSS JOIN o WHERE k.nth <= k.visits
), parked AS (
  -- A void reason is encrypted with the app's key, which SQL does not hold: the words wait in
  -- free_text_to_seal for lib/privacy/seal.ts (the demo seed seals them right after).
  INSERT INTO free_text_to_seal (table_name, row_id, column_name, text)
  SELECT 'visit', r.visit_id, 'void_reason_enc', r.reasons[1 + floor(r.u_reason * cardinality(r.reasons))::int]
  FROM chosen r WHERE r.voided
), inserted AS (
  INSERT INTO visit (id, participant_id, visited_at, visit_date, idempotency_key, created_by_id, created_at, updated_at, voided_at, voided_by_id)
  SELECT r.visit_id, people.id, r.visited_at, r.date,
    ${v4(`r.ns || ':key:' || r.date || ':' || r.slot`)},
    r.staff[1 + floor(r.u_staff * cardinality(r.staff))::int], r.created_at,
    CASE WHEN r.voided THEN least(r.created_at + make_interval(mins => (5 + floor(r.u_delay * 120))::int), r.now) ELSE r.created_at END,
    CASE WHEN r.voided THEN least(r.created_at + make_interval(mins => (5 + floor(r.u_delay * 120))::int), r.now) END,
    CASE WHEN r.voided THEN r.staff[1 + floor(r.u_reason * cardinality(r.staff))::int] END
  FROM chosen r LEFT JOIN people ON people.rank = r.rank
  RETURNING id
), mix AS (
  SELECT * FROM jsonb_to_recordset($3::jsonb) AS m(key text, share float8, min int, max int)
)
INSERT INTO visit_service (visit_id, service_type_id, quantity)
SELECT i.id, st.id,
  m.min + floor(((hashtextextended(i.id::text || st.key, 1) & 140737488355327)::float8 / 140737488355328) * (m.max - m.min + 1))::int
FROM inserted i CROSS JOIN mix m JOIN service_type st ON st.key = m.key AND st.active
WHERE ((hashtextextended(i.id::text || st.key, 0) & 140737488355327)::float8 / 140737488355328) < m.share`;

/** Inserts the visits (and their services) of some plan days in one statement. */
export async function insertVisits(exec: Exec, days: readonly PlanDay[], opts: VisitBatchOptions): Promise<void> {
  if (!days.length) return;
  if (!opts.staffIds.length) throw new Error('visits need at least one staff member to log them');
  const options = {
    seed: opts.seed,
    ns: opts.namespace,
    now: opts.now.toISOString(),
    staff: opts.staffIds,
    reasons: VOID_REASONS,
    anonymous: opts.anonymousShare ?? 0.15,
    void: opts.voidShare ?? 0.005,
  };
  await exec(INSERT_VISITS_SQL, [JSON.stringify(days), JSON.stringify(options), JSON.stringify(SERVICE_MIX)]);
}

// The per-row trigger that keeps participant.visit_count, last_seen_at and first_visit_date
// would run once per visit during a bulk load; loaders switch it off (inside their transaction)
// and run PARTICIPANT_STATS_SQL once instead. It matches participant_refresh_visit_stats():
// voided visits do not count. It also moves each record's consent and creation to just before
// their first visit.
export const VISIT_TRIGGER_OFF_SQL = 'ALTER TABLE visit DISABLE TRIGGER visit_refresh_participant';
export const VISIT_TRIGGER_ON_SQL = 'ALTER TABLE visit ENABLE TRIGGER visit_refresh_participant';

export const PARTICIPANT_STATS_SQL = `
WITH s AS (
  SELECT participant_id AS id, min(visited_at) AS first_seen,
         count(*) FILTER (WHERE voided_at IS NULL)::int AS n, max(visited_at) FILTER (WHERE voided_at IS NULL) AS last_seen,
         min(visit_date) FILTER (WHERE voided_at IS NULL) AS first_date
  FROM visit WHERE participant_id IS NOT NULL GROUP BY participant_id
), t AS (
  SELECT p.id, coalesce(s.first_seen - interval '4 minutes', p.consent_at) AS joined, coalesce(s.n, 0) AS n, s.last_seen, s.first_date
  FROM participant p LEFT JOIN s ON s.id = p.id
)
UPDATE participant p SET
  visit_count = t.n, last_seen_at = t.last_seen, first_visit_date = t.first_date, consent_at = t.joined, created_at = t.joined, updated_at = t.joined,
  last_activity_at = greatest(t.joined, coalesce(t.last_seen, t.joined))
FROM t WHERE t.id = p.id`;
