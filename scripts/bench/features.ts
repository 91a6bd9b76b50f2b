import pg from 'pg';
import type { IncidentType, TimeOfDay, WorkMode } from '../../lib/alerts/labels.ts';
import { encryptDetails, fittingText, reportTokens } from '../../lib/alerts/stored.ts';
import type { Random } from '../../prisma/seed/generate/random.ts';
import { addDays, atLocal, daysBetween } from '../../lib/calendar/index.ts';
import { programZoneName, zoneNamed } from '../../lib/calendar/zone.ts';

// The rest of the benchmark's five years, at the scale of its 1,000,000 visits: shower and laundry
// bookings on weekdays (about 38,000), Safe Suite stays in two units with their welfare checks,
// four programs with their sessions and attendance, referrals to a directory of agencies (about
// 18,000) and bad date reports (about 1,600). Set-based SQL draws every choice from md5 of the
// seed and the row's own key, so two builds are identical; the reports' text is encrypted in
// JavaScript (with the benchmark's fixed key) because the app reads it back.

export type FeatureOptions = {
  seed: string;
  /** The first and last program dates of the dataset. */
  from: string;
  to: string;
  staffIds: string[];
};

/** `u(key)`: a number in [0, 1) from md5 of the key; `uid(key)`: a UUID from md5 of the key; `pick(key, n)`: 1..n. */
const HELPERS = `
CREATE OR REPLACE FUNCTION pg_temp.u(k text) RETURNS float8 LANGUAGE sql IMMUTABLE AS $$ SELECT ('x' || substr(md5(k), 1, 8))::bit(32)::bigint / 4294967296.0 $$;
CREATE OR REPLACE FUNCTION pg_temp.uid(k text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$ SELECT md5(k)::uuid $$;
CREATE OR REPLACE FUNCTION pg_temp.pick(k text, n bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$ SELECT 1 + floor(pg_temp.u(k) * n)::bigint $$;
CREATE TEMP TABLE bench_people ON COMMIT DROP AS
  SELECT row_number() OVER (ORDER BY id) AS n, id FROM participant WHERE merged_into_id IS NULL AND deidentified_at IS NULL;
CREATE UNIQUE INDEX ON bench_people (n);
CREATE TEMP TABLE bench_staff ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY id) AS n, id FROM unnest(%STAFF_IDS%::uuid[]) AS id;
CREATE TEMP TABLE bench_offsets ON COMMIT DROP AS SELECT * FROM unnest(%OFFSET_DAYS%::date[], %OFFSET_MINUTES%::int[]) AS o (day, minutes);
CREATE UNIQUE INDEX ON bench_offsets (day);
CREATE OR REPLACE FUNCTION pg_temp.local_at(d date, m int) RETURNS timestamptz LANGUAGE sql STABLE AS
  $$ SELECT ((d + make_interval(mins => m)) - make_interval(mins => (SELECT minutes FROM bench_offsets WHERE day = d))) AT TIME ZONE 'UTC' $$;
CREATE TEMP TABLE bench_days ON COMMIT DROP AS SELECT d::date AS day, row_number() OVER (ORDER BY d) - 1 AS i FROM generate_series($2::date, $3::date, interval '1 day') d;
`;

/** A person and a staff member for a row key, as correlated subqueries on the temp tables. */
const person = (key: string) => `(SELECT id FROM bench_people WHERE n = pg_temp.pick(${key}, %PEOPLE%))`;
const staff = (key: string) => `(SELECT id FROM bench_staff WHERE n = pg_temp.pick(${key}, %STAFF%))`;
// Wall-clock times on program dates. The database's own tz data is not the program's (see
// lib/calendar), so each day's UTC offset comes from the app's calendar (bench_offsets, taken at
// noon: every time written here is after 3:00, when any daylight-saving jump is over).
const local = (day: string, minutes: string) => `pg_temp.local_at((${day})::date, (${minutes})::int)`;

/** Each program date's UTC offset in minutes (at noon), over the dataset and a month beyond it. */
function dayOffsets(o: FeatureOptions): { days: string[]; minutes: number[] } {
  const zone = zoneNamed(programZoneName());
  const days = Array.from({ length: daysBetween(o.from, o.to) + 31 }, (_, i) => addDays(o.from, i));
  return { days, minutes: days.map((d) => zone.offsetAt(atLocal(d, 12 * 60).getTime())) };
}

const BOOKINGS = `
INSERT INTO resource (id, kind, name, capacity, slot_minutes, active, sort_order, updated_at) VALUES
  (pg_temp.uid($1 || ':resource:1'), 'shower', 'Shower 1', 1, 30, true, 1, now()),
  (pg_temp.uid($1 || ':resource:2'), 'shower', 'Shower 2', 1, 30, true, 2, now()),
  (pg_temp.uid($1 || ':resource:3'), 'laundry', 'Washer and dryer', 2, 60, true, 3, now());
INSERT INTO resource_hours (resource_id, weekday, opens_min, closes_min)
  SELECT pg_temp.uid($1 || ':resource:' || r), wd, 600, 960 FROM generate_series(1, 3) r, generate_series(1, 5) wd;
-- Every place of every weekday slot, 10:00 to 16:00; four in five taken. Past bookings all ended:
-- used, missed or cancelled.
CREATE TEMP TABLE bench_bookings ON COMMIT DROP AS
  SELECT s.*, pg_temp.u($1 || ':booking-status:' || s.k) AS fate,
         row_number() OVER (PARTITION BY s.day, s.kind ORDER BY s.slot_start, s.name, s.seat) AS ticket
  FROM (
    SELECT d.day, r.id AS resource_id, r.kind, r.name, r.slot_minutes, seat,
           ${local('d.day', '600 + slot * r.slot_minutes')} AS slot_start,
           r.id || ':' || d.day || ':' || slot || ':' || seat AS k
    FROM bench_days d CROSS JOIN resource r
    CROSS JOIN LATERAL generate_series(0, 360 / r.slot_minutes - 1) slot CROSS JOIN LATERAL generate_series(1, r.capacity) seat
    WHERE extract(isodow FROM d.day) <= 5 AND r.name IN ('Shower 1', 'Shower 2', 'Washer and dryer')
  ) s
  WHERE pg_temp.u($1 || ':booking:' || s.k) < 0.8;
INSERT INTO booking (id, resource_id, kind, participant_id, day, ticket, slot_start, slot_end, seat, status, idempotency_key,
                     created_by_id, created_at, booked_at, checked_in_at, done_at, cancelled_at, no_show_at)
  SELECT pg_temp.uid($1 || ':booking-id:' || k), resource_id, kind, ${person(`$1 || ':booking-person:' || k`)}, day, ticket,
         slot_start, slot_start + make_interval(mins => slot_minutes), seat,
         (CASE WHEN fate < 0.8 THEN 'done' WHEN fate < 0.9 THEN 'no_show' ELSE 'cancelled' END)::"BookingStatus",
         pg_temp.uid($1 || ':booking-key:' || k), ${staff(`$1 || ':booking-staff:' || k`)},
         slot_start - interval '2 hours', slot_start - interval '2 hours',
         CASE WHEN fate < 0.8 THEN slot_start END, CASE WHEN fate < 0.8 THEN slot_start + make_interval(mins => slot_minutes) END,
         CASE WHEN fate >= 0.9 THEN slot_start - interval '1 hour' END, CASE WHEN fate >= 0.8 AND fate < 0.9 THEN slot_start + interval '15 minutes' END
  FROM bench_bookings;
INSERT INTO booking_ticket (day, kind, last) SELECT day, kind, max(ticket) FROM bench_bookings GROUP BY day, kind;
`;

const SUITE = `
INSERT INTO suite_unit (id, name, active, sort_order, updated_at) VALUES
  (pg_temp.uid($1 || ':unit:0'), 'Suite A', true, 1, now()), (pg_temp.uid($1 || ':unit:1'), 'Suite B', true, 2, now());
-- In each unit a stay may begin every third evening, for one or two nights (so none overlap,
-- with the turnover); most are taken up, some cancelled, declined or missed.
CREATE TEMP TABLE bench_stays ON COMMIT DROP AS
  SELECT pg_temp.uid($1 || ':stay:' || k) AS id, pg_temp.uid($1 || ':unit:' || unit) AS unit_id, day AS start_day,
         day + nights AS end_day, ${local('day', '1200')} AS start_at, ${local('day + nights', '600')} AS end_at,
         ${person(`$1 || ':stay-person:' || k`)} AS participant_id, fate, k
  FROM (
    SELECT d.day, unit, k, 1 + floor(pg_temp.u($1 || ':stay-nights:' || k) * 2)::int AS nights, pg_temp.u($1 || ':stay-status:' || k) AS fate
    FROM bench_days d CROSS JOIN generate_series(0, 1) unit CROSS JOIN LATERAL (SELECT unit || ':' || d.day AS k) kk
    WHERE (d.i + unit) % 3 = 0 AND d.day <= $3::date - 3 AND pg_temp.u($1 || ':stay:' || k) < 0.9
  ) s;
INSERT INTO stay (id, unit_id, participant_id, status, start_at, end_at, turnover_minutes, blocked_until, start_day, end_day,
                  idempotency_key, created_by_id, created_at, confirmed_at, checked_in_at, checked_out_at, closed_at)
  SELECT id, unit_id, participant_id,
         (CASE WHEN fate < 0.8 THEN 'checked_out' WHEN fate < 0.88 THEN 'no_show' WHEN fate < 0.95 THEN 'cancelled' ELSE 'declined' END)::"StayStatus",
         start_at, end_at, 120, end_at + interval '2 hours', start_day, end_day,
         pg_temp.uid($1 || ':stay-key:' || k), ${staff(`$1 || ':stay-staff:' || k`)}, start_at - interval '1 day',
         CASE WHEN fate < 0.95 THEN start_at - interval '20 hours' END,
         CASE WHEN fate < 0.8 THEN start_at END, CASE WHEN fate < 0.8 THEN end_at END,
         CASE WHEN fate >= 0.8 THEN start_at + interval '2 hours' END
  FROM bench_stays;
-- A welfare check every two hours of each stay taken up, and a handover each morning. No text.
INSERT INTO stay_log_entry (id, stay_id, participant_id, kind, at, staff_id)
  SELECT pg_temp.uid($1 || ':stay-log:' || s.k || ':' || c), s.id, s.participant_id,
         (CASE WHEN c % 7 = 6 THEN 'handover' ELSE 'welfare_check' END)::"StayLogKind",
         s.start_at + make_interval(hours => 2 * c), ${staff(`$1 || ':stay-log-staff:' || s.k || ':' || c`)}
  FROM bench_stays s CROSS JOIN LATERAL generate_series(0, floor(extract(epoch FROM s.end_at - s.start_at) / 7200)::int - 1) c
  WHERE s.fate < 0.8;
`;

const PROGRAMS = `
INSERT INTO program (id, name, description, partner, frequency, weekday, start_min, end_min, active_from, updated_at) VALUES
  (pg_temp.uid($1 || ':program:1'), 'Tuesday breakfast', 'Breakfast, with the overdose-prevention nurse.', 'Overdose-prevention nurse', 'weekly', 2, 540, 660, $2::date, now()),
  (pg_temp.uid($1 || ':program:2'), 'Thursday lunch', 'Lunch with health practitioners.', 'Health practitioners', 'weekly', 4, 720, 840, $2::date, now()),
  (pg_temp.uid($1 || ':program:3'), 'Alumni group', 'For people who have left the trade.', NULL, 'fortnightly', 3, 1020, 1140, $2::date, now()),
  (pg_temp.uid($1 || ':program:4'), 'Peer workshop', 'Skills and safety, led by peers.', NULL, 'weekly', 1, 840, 960, $2::date, now());
-- Each program's sessions on its weekday (the alumni every other week); one in twenty cancelled.
CREATE TEMP TABLE bench_sessions ON COMMIT DROP AS
  SELECT pg_temp.uid($1 || ':session:' || k) AS id, program_id, ${local('day', 'start_min')} AS starts_at, ${local('day', 'end_min')} AS ends_at,
         pg_temp.u($1 || ':session-status:' || k) < 0.05 AS cancelled, k
  FROM (
    SELECT d.day, p.id AS program_id, p.start_min, p.end_min, p.name || ':' || d.day AS k
    FROM bench_days d JOIN program p ON extract(isodow FROM d.day) = p.weekday AND p.id IN (SELECT pg_temp.uid($1 || ':program:' || n) FROM generate_series(1, 4) n)
    WHERE p.frequency = 'weekly' OR (d.i / 7) % 2 = 0
  ) s;
INSERT INTO program_session (id, program_id, scheduled_for, starts_at, ends_at, status, cancel_reason, cancelled_at, anonymous_count, partner_present, updated_at)
  SELECT id, program_id, starts_at, starts_at, ends_at, (CASE WHEN cancelled THEN 'cancelled' ELSE 'held' END)::"SessionStatus",
         CASE WHEN cancelled THEN 'Not enough staff' END, CASE WHEN cancelled THEN starts_at - interval '1 day' END,
         CASE WHEN cancelled THEN 0 ELSE floor(pg_temp.u($1 || ':session-anonymous:' || k) * 7)::int END,
         NOT cancelled AND pg_temp.u($1 || ':session-partner:' || k) < 0.7, ends_at
  FROM bench_sessions;
-- Five to nineteen named people at each session held (a draw that repeats a person counts once).
INSERT INTO attendance (id, session_id, participant_id, created_by_id, created_at)
  SELECT pg_temp.uid($1 || ':attendance:' || s.k || ':' || a), s.id, ${person(`$1 || ':attendance-person:' || s.k || ':' || a`)},
         ${staff(`$1 || ':attendance-staff:' || s.k || ':' || a`)}, s.starts_at + make_interval(mins => a)
  FROM bench_sessions s CROSS JOIN LATERAL generate_series(1, 5 + floor(pg_temp.u($1 || ':session-size:' || s.k) * 15)::int) a
  WHERE NOT s.cancelled
  ON CONFLICT (session_id, participant_id) DO NOTHING;
`;

const CATEGORIES = [
  'health',
  'sexual_health',
  'mental_health',
  'legal_advocacy',
  'shelters',
  'housing',
  'employment_training',
  'culturally_safe',
  'crisis_lines',
  'transitioning_support',
];
/** The categories as a SQL text array, indexed 1..10. */
const CATEGORY_ARRAY = `(ARRAY['${CATEGORIES.join("','")}'])`;
const REASONS = ['health', 'housing', 'mental_health', 'legal', 'safety', 'work_training'];

const REFERRALS = `
-- Twenty-four agencies, each offering two categories.
INSERT INTO agency (id, name, categories, active, updated_at)
  SELECT pg_temp.uid($1 || ':agency:' || a), 'Agency ' || lpad(a::text, 2, '0'),
         ARRAY[${CATEGORY_ARRAY}[1 + a % 10], ${CATEGORY_ARRAY}[1 + (a + 3) % 10]]::"AgencyCategory"[], true, now()
  FROM generate_series(1, 24) a;
-- Up to nineteen referrals a day. The last month's are still open; older ones have ended.
CREATE TEMP TABLE bench_referrals ON COMMIT DROP AS
  SELECT k, day, pg_temp.uid($1 || ':agency:' || agency) AS agency_id,
         ${CATEGORY_ARRAY}[1 + ((agency + CASE WHEN pg_temp.u($1 || ':referral-category:' || k) < 0.5 THEN 0 ELSE 3 END) % 10)::int]::"AgencyCategory" AS category,
         CASE WHEN pg_temp.u($1 || ':referral-anonymous:' || k) < 0.15 THEN NULL ELSE ${person(`$1 || ':referral-person:' || k`)} END AS participant_id,
         pg_temp.u($1 || ':referral-consent:' || k) AS consent, pg_temp.u($1 || ':referral-status:' || k) AS fate,
         ${staff(`$1 || ':referral-staff:' || k`)} AS staff_id, ${local('day', '600 + r * 20')} AS at
  FROM bench_days d CROSS JOIN LATERAL generate_series(1, floor(pg_temp.u($1 || ':referrals:' || d.day) * 20)::int) r
  CROSS JOIN LATERAL (SELECT d.day || ':' || r AS k, pg_temp.pick($1 || ':referral-agency:' || d.day || ':' || r, 24) AS agency) x;
INSERT INTO referral (id, participant_id, agency_id, category, reason_category, referred_on, follow_up_on, staff_id, consent, consent_by_id, consent_at,
                      status, status_by_id, status_at, connected_on, idempotency_key, created_at, updated_at)
  SELECT pg_temp.uid($1 || ':referral:' || k), participant_id, agency_id, category,
         (ARRAY['${REASONS.join("','")}'])[pg_temp.pick($1 || ':referral-reason:' || k, ${REASONS.length})::int]::"ReferralReason", day, day + 7, staff_id,
         c.consent::"ReferralConsent", CASE WHEN c.consent <> 'nothing' THEN staff_id END, CASE WHEN c.consent <> 'nothing' THEN at END,
         s.status::"ReferralStatus", staff_id, CASE WHEN s.status = 'made' THEN at ELSE at + interval '10 days' END,
         CASE WHEN s.status IN ('connected', 'completed') THEN day + 3 END,
         pg_temp.uid($1 || ':referral-key:' || k), at, at
  FROM bench_referrals
  CROSS JOIN LATERAL (SELECT CASE WHEN participant_id IS NULL OR consent < 0.5 THEN 'nothing' WHEN consent < 0.8 THEN 'alias_only' ELSE 'summary' END AS consent) c
  CROSS JOIN LATERAL (SELECT CASE
    WHEN day > $3::date - 30 THEN CASE WHEN fate < 0.6 THEN 'made' ELSE 'connected' END
    WHEN fate < 0.35 THEN 'completed' WHEN fate < 0.5 THEN 'connected' WHEN fate < 0.6 THEN 'declined_by_person'
    WHEN fate < 0.65 THEN 'declined_by_agency' WHEN fate < 0.85 THEN 'no_response' ELSE 'closed' END AS status) s;
`;

// Two years of outreach (about 3,000 shifts and 60,000 contacts): four shifts on most days, seven
// in ten on the street in one of the zones, the rest online on one or two platforms, each three
// hours in the evening with twenty contacts. Six contacts in ten are with someone who has a record;
// the rest are anonymous, some as a group. One in three gives a supply, some of it to pass on.
const OUTREACH = `
CREATE TEMP TABLE bench_zone ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY sort_order, id) AS n, id FROM outreach_option WHERE list = 'zone' AND active;
CREATE TEMP TABLE bench_platform ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY sort_order, id) AS n, id FROM outreach_option WHERE list = 'platform' AND active;
CREATE TEMP TABLE bench_kind ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY sort_order, id) AS n, id FROM outreach_option WHERE list = 'contact_kind' AND active;
CREATE TEMP TABLE bench_supply ON COMMIT DROP AS SELECT row_number() OVER (ORDER BY sort_order, id) AS n, id FROM service_type WHERE kind = 'supply' AND active;
CREATE TEMP TABLE bench_shift ON COMMIT DROP AS
  SELECT pg_temp.uid($1 || ':shift:' || d.day || ':' || k) AS id, d.day, k,
         pg_temp.u($1 || ':shift-mode:' || d.day || ':' || k) < 0.7 AS street,
         pg_temp.local_at(d.day, 17 * 60 + 30 * k) AS started_at
  FROM bench_days d, generate_series(1, 4) k
  WHERE d.day > $3::date - 730 AND pg_temp.u($1 || ':shift-on:' || d.day || ':' || k) < 0.95;
INSERT INTO outreach_shift (id, mode, zone_id, started_at, ended_at, started_on, created_by_id)
  SELECT s.id, CASE WHEN s.street THEN 'street' ELSE 'online' END::"OutreachMode",
         CASE WHEN s.street THEN (SELECT id FROM bench_zone WHERE n = pg_temp.pick(s.id::text || ':zone', (SELECT count(*) FROM bench_zone))) END,
         s.started_at, s.started_at + interval '3 hours', s.day, ${staff("s.id::text || ':by'")}
  FROM bench_shift s;
INSERT INTO outreach_shift_staff (shift_id, staff_id) SELECT id, created_by_id FROM outreach_shift WHERE id IN (SELECT id FROM bench_shift);
INSERT INTO outreach_shift_platform (shift_id, platform_id)
  SELECT DISTINCT s.id, (SELECT id FROM bench_platform WHERE n = pg_temp.pick(s.id::text || ':platform:' || p, (SELECT count(*) FROM bench_platform)))
  FROM bench_shift s, generate_series(1, 2) p WHERE NOT s.street AND (p = 1 OR pg_temp.u(s.id::text || ':two') < 0.4);
CREATE TEMP TABLE bench_contact ON COMMIT DROP AS
  SELECT pg_temp.uid(s.id::text || ':contact:' || i) AS id, s.id AS shift_id, s.day, s.started_at + make_interval(mins => 8 * i) AS at,
         pg_temp.u(s.id::text || ':who:' || i) AS who
  FROM bench_shift s, generate_series(1, 20) i;
INSERT INTO outreach_contact (id, shift_id, participant_id, people_count, is_new, contacted_at, contacted_on, created_by_id)
  SELECT c.id, c.shift_id, CASE WHEN c.who < 0.6 THEN ${person("c.id::text || ':person'")} END,
         CASE WHEN c.who < 0.9 THEN 1 ELSE 1 + pg_temp.pick(c.id::text || ':group', 3)::int END,
         pg_temp.u(c.id::text || ':new') < 0.15, c.at, c.day, (SELECT created_by_id FROM outreach_shift WHERE id = c.shift_id)
  FROM bench_contact c;
INSERT INTO outreach_contact_kind (contact_id, kind_id)
  SELECT c.id, (SELECT id FROM bench_kind WHERE n = pg_temp.pick(c.id::text || ':kind', (SELECT count(*) FROM bench_kind))) FROM bench_contact c;
INSERT INTO outreach_contact_supply (contact_id, service_type_id, quantity, for_others)
  SELECT c.id, (SELECT id FROM bench_supply WHERE n = pg_temp.pick(c.id::text || ':supply', (SELECT count(*) FROM bench_supply))),
         pg_temp.pick(c.id::text || ':qty', 5)::int, CASE WHEN pg_temp.u(c.id::text || ':others') < 0.3 THEN pg_temp.pick(c.id::text || ':oq', 3)::int ELSE 0 END
  FROM bench_contact c WHERE pg_temp.u(c.id::text || ':gives') < 0.33;
`;

/** Runs one block of statements with $1, $2 and $3 (seed, first and last day) and the pool sizes written in as literals. */
async function run(client: pg.Client, sql: string, o: FeatureOptions, sizes: { people: number; staff: number }): Promise<void> {
  const text = sql
    .replaceAll('$1', client.escapeLiteral(o.seed))
    .replaceAll('$2', client.escapeLiteral(o.from))
    .replaceAll('$3', client.escapeLiteral(o.to))
    .replaceAll('%PEOPLE%', String(sizes.people))
    .replaceAll('%STAFF%', String(sizes.staff));
  await client.query(text);
}

const MODES: WorkMode[] = ['street', 'indoor_outcall', 'online_phone', 'other'];
const TIMES: TimeOfDay[] = ['morning', 'afternoon', 'evening', 'night', 'unknown'];
const TYPES: IncidentType[] = [
  'refused_to_pay',
  'robbery_theft',
  'physical_assault',
  'sexual_assault',
  'condom_refusal',
  'threats_harassment',
  'weapon',
  'drugging',
  'other',
];
const AREAS = ['Downtown', 'North Shore', 'Industrial area', 'Motel strip on the highway', 'Near the river path'];

/** About one bad date report a day: the last month's still moving through review, older ones archived or withdrawn. */
async function alerts(client: pg.Client, random: Random, o: FeatureOptions): Promise<number> {
  let count = 0;
  for (let day = o.from; day <= o.to; day = addDays(day, 1)) {
    if (random.next() >= 0.9) continue;
    const id = random.uuid();
    const mode = random.pick(MODES);
    const text = fittingText(mode, {
      area: random.pick(AREAS),
      appearance: `Man, about ${random.int(20, 60)}`,
      account: 'Invented for the benchmark.',
      plate: mode === 'street' ? `BX ${random.int(100, 999)}` : null,
      handle: mode === 'online_phone' ? `@bench_${random.int(1, 9999)}` : null,
    });
    const recent = addDays(o.to, -30) < day;
    const fate = random.next();
    const status = recent ? (fate < 0.6 ? 'published' : fate < 0.8 ? 'reviewed' : 'new') : fate < 0.75 ? 'archived' : fate < 0.9 ? 'withdrawn' : 'reviewed';
    const received = new Date(`${day}T18:00:00Z`);
    const hours = (h: number) => new Date(received.getTime() + h * 3_600_000);
    const published = status === 'published' || status === 'archived';
    const types = [...new Set([random.pick(TYPES), random.pick(TYPES)])];
    const tokens = reportTokens(text, []);
    await client.query(
      `INSERT INTO alert_report (id, status, incident_date, time_of_day, mode, venue, types, details_enc, private_fields, public_tokens, all_tokens, key_tokens,
         received_on, published_on, published_at, reviewed_at, closed_at, created_by_id, created_at, updated_at)
       VALUES ($1, $2, $3::date - $4::int, $5, $6, $7, $8::"AlertIncidentType"[], $9, '{}', $10, $11, $12, $3::date, $13, $14, $15, $16, $17, $18, $18)`,
      [
        id,
        status,
        day,
        random.int(0, 2),
        random.pick(TIMES),
        mode,
        mode === 'indoor_outcall' ? 'hotel_motel' : null,
        types,
        encryptDetails(id, text),
        tokens.publicTokens,
        tokens.allTokens,
        tokens.keyTokens,
        published ? day : null,
        published ? hours(2) : null,
        status === 'new' || status === 'withdrawn' ? null : hours(1),
        status === 'archived' || status === 'withdrawn' ? hours(24 * 30) : null,
        random.pick(o.staffIds),
        received,
      ],
    );
    count++;
  }
  return count;
}

/** Builds bookings, the Safe Suite, programs, referrals and alerts into the dataset (participants and staff already there). */
export async function buildFeatures(client: pg.Client, random: Random, o: FeatureOptions, log: (m: string) => void): Promise<void> {
  await client.query('BEGIN');
  try {
    const offsets = dayOffsets(o);
    const helpers = HELPERS.replace('%STAFF_IDS%', client.escapeLiteral(`{${o.staffIds.join(',')}}`))
      .replace('%OFFSET_DAYS%', client.escapeLiteral(`{${offsets.days.join(',')}}`))
      .replace('%OFFSET_MINUTES%', client.escapeLiteral(`{${offsets.minutes.join(',')}}`));
    await run(client, helpers, o, { people: 0, staff: 0 });
    const {
      rows: [sizes],
    } = await client.query<{ people: number; staff: number }>(
      'SELECT (SELECT count(*) FROM bench_people)::int AS people, (SELECT count(*) FROM bench_staff)::int AS staff',
    );
    for (const [name, sql] of [
      ['bookings', BOOKINGS],
      ['Safe Suite stays', SUITE],
      ['programs and attendance', PROGRAMS],
      ['agencies and referrals', REFERRALS],
      ['outreach shifts and contacts', OUTREACH],
    ] as const) {
      const started = Date.now();
      await run(client, sql, o, sizes!);
      log(`${name} loaded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    log(`${await alerts(client, random, o)} bad date reports loaded`);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
