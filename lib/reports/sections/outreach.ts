import 'server-only';
import { Prisma } from '@/lib/db/generated/client.ts';
import { bucketDays, line, toCounts, type Category, type GroupedRow } from '@/lib/calendar/figures-sql.ts';
import type { Bucket } from '@/lib/calendar/period.ts';
import type { FigureContext, FigureTable, SectionDefinition } from '../types.ts';

// Outreach, street and online: shifts and hours, contacts, people met, supplies given and
// referrals made on outreach. Voided shifts and contacts are left out. Shifts count in the month
// they started, contacts in the month they were made (program dates, kept on the rows). Counts of
// events (shifts, hours, contacts, supplies) are shown in full; counts of people are suppressed
// like every breakdown of people (rules.ts).

const inPeriod = (ctx: FigureContext, column: Prisma.Sql) => Prisma.sql`${column} >= ${ctx.period.from}::date AND ${column} <= ${ctx.period.to}::date`;

type ShiftRow = { key: string | null; shifts: number; street: number; online: number; hours: number; streetHours: number; onlineHours: number };

/** Shifts and hours by month and for the period. A shift still under way has no hours yet. */
function shifts(ctx: FigureContext): Promise<ShiftRow[]> {
  const hours = (filter: Prisma.Sql) =>
    Prisma.sql`coalesce(round((sum(extract(epoch FROM s.ended_at - s.started_at)) FILTER (WHERE ${filter}) / 3600)::numeric, 1), 0)::float8`;
  return ctx.client.$queryRaw<ShiftRow[]>`
    SELECT d.key, count(*)::int AS shifts, count(*) FILTER (WHERE s.mode = 'street')::int AS street,
           count(*) FILTER (WHERE s.mode = 'online')::int AS online,
           ${hours(Prisma.sql`true`)} AS hours, ${hours(Prisma.sql`s.mode = 'street'`)} AS "streetHours",
           ${hours(Prisma.sql`s.mode = 'online'`)} AS "onlineHours"
    FROM outreach_shift s JOIN ${bucketDays(ctx.period.months)} ON d.day = s.started_on
    WHERE s.voided_at IS NULL AND ${inPeriod(ctx, Prisma.sql`s.started_on`)}
    GROUP BY GROUPING SETS ((d.key), ())`;
}

type ContactRow = {
  key: string | null;
  contacts: number;
  street: number;
  online: number;
  reached: number;
  anonymous: number;
  anonymousPeople: number;
  referrals: number;
  unique: number;
  fresh: number;
};

/**
 * Contacts, people reached and met, and referrals made, by bucket (months for the report, weeks for
 * the dashboard's chart) and for the period: one read of the period's contacts.
 */
function contacts(ctx: FigureContext, buckets: Bucket[] = ctx.period.months): Promise<ContactRow[]> {
  return ctx.client.$queryRaw<ContactRow[]>`
    SELECT d.key, count(*)::int AS contacts,
           count(*) FILTER (WHERE s.mode = 'street')::int AS street, count(*) FILTER (WHERE s.mode = 'online')::int AS online,
           coalesce(sum(c.people_count), 0)::int AS reached,
           count(*) FILTER (WHERE c.participant_id IS NULL)::int AS anonymous,
           coalesce(sum(c.people_count) FILTER (WHERE c.participant_id IS NULL), 0)::int AS "anonymousPeople",
           count(r.contact_id)::int AS referrals,
           count(DISTINCT c.participant_id)::int AS unique,
           (count(DISTINCT c.participant_id) FILTER (WHERE c.is_new)
             + coalesce(sum(c.people_count) FILTER (WHERE c.is_new AND c.participant_id IS NULL), 0))::int AS fresh
    FROM outreach_contact c JOIN outreach_shift s ON s.id = c.shift_id
    -- Contacts with a referral, joined once by hash (a probe per contact cost more than the rest).
    LEFT JOIN (SELECT DISTINCT k.contact_id FROM outreach_contact_kind k JOIN outreach_option o ON o.id = k.kind_id AND o.key = 'referral') r
      ON r.contact_id = c.id
    JOIN ${bucketDays(buckets)} ON d.day = c.contacted_on
    WHERE c.voided_at IS NULL AND ${inPeriod(ctx, Prisma.sql`c.contacted_on`)}
    GROUP BY GROUPING SETS ((d.key), ())`;
}

type SupplyRow = GroupedRow & { others: number };

/** Supplies given on outreach by type: for the people met (`n`) and to pass on (`others`). */
function supplies(ctx: FigureContext): Promise<SupplyRow[]> {
  return ctx.client.$queryRaw<SupplyRow[]>`
    SELECT d.key, l.service_type_id::text AS cat, sum(l.quantity)::int AS n, sum(l.for_others)::int AS others, GROUPING(d.key, l.service_type_id)::int AS g
    FROM outreach_contact_supply l JOIN outreach_contact c ON c.id = l.contact_id
    JOIN ${bucketDays(ctx.period.months)} ON d.day = c.contacted_on
    WHERE c.voided_at IS NULL AND ${inPeriod(ctx, Prisma.sql`c.contacted_on`)}
    GROUP BY GROUPING SETS ((d.key, l.service_type_id), (l.service_type_id), (d.key), ())`;
}

/** Supply types to list: those offered today, and retired ones given on outreach in the period. */
function supplyTypes(ctx: FigureContext): Promise<Category[]> {
  return ctx.client.$queryRaw<Category[]>`
    SELECT st.id::text AS key, CASE WHEN st.unit IS NULL THEN st.name ELSE st.name || ' (' || st.unit || 's)' END AS label
    FROM service_type st
    WHERE st.kind = 'supply' AND (st.active OR EXISTS (
      SELECT 1 FROM outreach_contact_supply l JOIN outreach_contact c ON c.id = l.contact_id AND c.voided_at IS NULL
      WHERE l.service_type_id = st.id AND ${inPeriod(ctx, Prisma.sql`c.contacted_on`)}))
    ORDER BY st.sort_order, st.name`;
}

/**
 * Contacts and people reached in each bucket, from the section's own query (the dashboard's weekly
 * chart), so the chart and the report cannot disagree. Events, not people: never suppressed.
 */
export async function outreachReach(ctx: FigureContext, buckets: Bucket[]): Promise<{ contacts: number; reached: number }[]> {
  const c = byKey(await contacts(ctx, buckets));
  return buckets.map((b) => ({ contacts: c((r) => r.contacts)(b.key), reached: c((r) => r.reached)(b.key) }));
}

function byKey<R extends { key: string | null }>(rows: R[]) {
  const map = new Map(rows.map((r) => [r.key, r]));
  return (pick: (r: R) => number) => (month: string | null) => {
    const row = map.get(month);
    return row ? pick(row) : 0;
  };
}

async function load(ctx: FigureContext): Promise<FigureTable[]> {
  const [s, c, given, types] = [await shifts(ctx), await contacts(ctx), await supplies(ctx), await supplyTypes(ctx)];
  const sf = byKey(s);
  const cf = byKey(c);
  const p = ctx.period;
  return [
    {
      key: 'outreach-shifts',
      title: 'Outreach shifts and hours',
      rowHeading: 'Figure',
      suppress: false,
      description:
        'Shifts: outreach shifts that started in the month, in the street (a zone) or online (platforms). Hours: from start to end of the shifts that have ended. Voided shifts are left out.',
      rows: [
        line(
          p,
          'shifts',
          'Shifts',
          sf((r) => r.shifts),
        ),
        line(
          p,
          'street',
          'Street shifts',
          sf((r) => r.street),
        ),
        line(
          p,
          'online',
          'Online shifts',
          sf((r) => r.online),
        ),
        line(
          p,
          'hours',
          'Hours',
          sf((r) => r.hours),
        ),
        line(
          p,
          'street-hours',
          'Street hours',
          sf((r) => r.streetHours),
        ),
        line(
          p,
          'online-hours',
          'Online hours',
          sf((r) => r.onlineHours),
        ),
      ],
      total: null,
    },
    {
      key: 'outreach-contacts',
      title: 'Outreach contacts',
      rowHeading: 'Figure',
      suppress: false,
      description:
        'Contacts: entries made on outreach, one per person met or per anonymous group. People reached: everyone those contacts stand for. Referrals made: contacts where a referral was made. Voided contacts are left out.',
      rows: [
        line(
          p,
          'contacts',
          'Contacts',
          cf((r) => r.contacts),
        ),
        line(
          p,
          'street',
          'Street contacts',
          cf((r) => r.street),
        ),
        line(
          p,
          'online',
          'Online contacts',
          cf((r) => r.online),
        ),
        line(
          p,
          'reached',
          'People reached',
          cf((r) => r.reached),
        ),
        line(
          p,
          'anonymous',
          'Anonymous contacts',
          cf((r) => r.anonymous),
        ),
        line(
          p,
          'referrals',
          'Referrals made on outreach',
          cf((r) => r.referrals),
        ),
      ],
      total: null,
    },
    {
      key: 'outreach-people',
      title: 'People contacted on outreach',
      rowHeading: 'Figure',
      suppress: true,
      description:
        'Unique participants: people with a record met on outreach (the whole-period column counts each once). New people: participants, and people in anonymous groups, met on outreach for the first time (as the worker recorded it). Anonymous people: everyone in anonymous contacts.',
      rows: [
        line(
          p,
          'unique',
          'Unique participants contacted',
          cf((r) => r.unique),
        ),
        line(
          p,
          'new',
          'New people contacted',
          cf((r) => r.fresh),
        ),
        line(
          p,
          'anonymous-people',
          'People in anonymous contacts',
          cf((r) => r.anonymousPeople),
        ),
      ],
      total: null,
    },
    {
      key: 'outreach-supplies',
      title: 'Supplies given on outreach',
      rowHeading: 'Supply',
      suppress: false,
      description: 'How many of each supply were given on outreach to the people met. Voided contacts are left out.',
      ...toCounts(given, p, types, null),
    },
    {
      key: 'outreach-supplies-others',
      title: 'Supplies given on outreach for someone else',
      rowHeading: 'Supply',
      suppress: false,
      description: 'Supplies taken to pass on to others (secondary distribution), counted apart from those given to the people met.',
      ...toCounts(
        given.map((r) => ({ ...r, n: r.others })),
        p,
        types,
        null,
      ),
    },
  ];
}

export const outreachSection: SectionDefinition = {
  key: 'outreach',
  title: 'Outreach',
  description: 'Street and online outreach: shifts, contacts, people met, supplies given and referrals made.',
  load,
};
