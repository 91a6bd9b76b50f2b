import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { notFound } from '@/lib/errors.ts';
import type { ServiceKind } from '@/lib/services/schema.ts';
import { visitChangeProblem } from './rules.ts';
import { UpdateVisitSchema } from './schema.ts';
import { readVoidReason } from './void-reason.ts';
import { dateOnly, formatLocal, localDay, programNow } from '@/lib/calendar/index.ts';

// Reads of drop-in visits. Voided visits are listed (muted) but never counted. Participants show
// as alias and code only, which every role with `visit:read` may see.

export type VisitPerson = { id: string; alias: string | null; code: string } | null;
export type VisitLine = { serviceTypeId: string; name: string; kind: ServiceKind; unit: string | null; quantity: number };
export type VisitRow = {
  id: string;
  visitedAt: string;
  participant: VisitPerson;
  services: VisitLine[];
  voided: boolean;
  voidReason: string | null;
  /** Whether this actor may edit or void it now (a courtesy for links; the mutations check again). */
  mayChange: boolean;
};
export type VisitDetail = VisitRow & { loggedBy: string; mayEdit: boolean; refusal: string | null };

export type TodaySummary = { date: string; visits: number; people: number; named: number; anonymous: number };

/**
 * Today's (America/Vancouver) visits and people, voided visits left out: named people counted
 * once however often they came, each anonymous visit as one person. Anyone who sees visits (`visit:read`).
 */
export async function todaySummary(actor: Actor, now = programNow()): Promise<TodaySummary> {
  assertCan(actor, 'visit:read');
  const date = localDay(now);
  const [row] = await db.$queryRaw<{ visits: number; named: number; anonymous: number }[]>`
    SELECT count(*)::int AS visits,
           count(DISTINCT participant_id)::int AS named,
           count(*) FILTER (WHERE participant_id IS NULL)::int AS anonymous
    FROM visit WHERE visit_date = ${date}::date AND voided_at IS NULL`;
  const { visits = 0, named = 0, anonymous = 0 } = row ?? {};
  return { date, visits, people: named + anonymous, named, anonymous };
}

const visitSelect = {
  id: true,
  visitedAt: true,
  createdById: true,
  createdAt: true,
  voidedAt: true,
  voidReasonEnc: true,
  participant: { select: { id: true, alias: true, code: true, deidentifiedAt: true } },
  services: {
    select: { quantity: true, serviceType: { select: { id: true, name: true, kind: true, unit: true, sortOrder: true } } },
  },
} as const;

type Selected = {
  id: string;
  visitedAt: Date;
  createdById: string;
  createdAt: Date;
  voidedAt: Date | null;
  voidReasonEnc: Uint8Array | null;
  participant: { id: string; alias: string | null; code: string; deidentifiedAt: Date | null } | null;
  services: { quantity: number; serviceType: { id: string; name: string; kind: ServiceKind; unit: string | null; sortOrder: number } }[];
};

function problem(actor: Actor, v: Selected, kind: 'edit' | 'void'): string | null {
  if (!can(actor, 'visit:create')) return 'This is not available to your role.';
  return visitChangeProblem(actor, { ...v, participantDeidentified: !!v.participant?.deidentifiedAt }, programNow(), kind);
}

function toRow(actor: Actor, v: Selected): VisitRow {
  const services = [...v.services]
    .sort((a, b) => a.serviceType.sortOrder - b.serviceType.sortOrder || a.serviceType.name.localeCompare(b.serviceType.name))
    .map(({ quantity, serviceType: t }) => ({ serviceTypeId: t.id, name: t.name, kind: t.kind, unit: t.unit, quantity }));
  return {
    id: v.id,
    visitedAt: v.visitedAt.toISOString(),
    participant: v.participant && { id: v.participant.id, alias: v.participant.alias, code: v.participant.code },
    services,
    voided: !!v.voidedAt,
    voidReason: v.voidedAt ? readVoidReason(v.id, v.voidReasonEnc) : null,
    mayChange: problem(actor, v, 'void') === null,
  };
}

/** A program day's visits, latest first, voided ones included (muted on screen). Anyone who sees visits (`visit:read`). */
export async function listVisitsForDay(actor: Actor, date = localDay(programNow())): Promise<VisitRow[]> {
  assertCan(actor, 'visit:read');
  const rows = await db.visit.findMany({
    where: { visitDate: dateOnly(date) },
    select: visitSelect,
    orderBy: [{ visitedAt: 'desc' }, { id: 'desc' }],
    // A program day is a few hundred visits at most; the cap only guards the page.
    take: 1000,
  });
  return rows.map((v) => toRow(actor, v));
}

/**
 * One visit for its page, with what this actor may do to it. Anyone who sees visits (`visit:read`);
 * an unknown or malformed id is "not found", and so is a visit from another day for a role without
 * `participant:history` (peers work with today's desk, not a person's past visits).
 */
export async function getVisit(actor: Actor, id: unknown, now: Date = programNow()): Promise<VisitDetail> {
  assertCan(actor, 'visit:read');
  const parsed = UpdateVisitSchema.pick({ visitId: true }).safeParse({ visitId: id });
  if (!parsed.success) throw notFound('That visit');
  const v = await db.visit.findUnique({
    where: { id: parsed.data.visitId },
    select: { ...visitSelect, createdBy: { select: { displayName: true } } },
  });
  if (!v) throw notFound('That visit');
  if (!can(actor, 'participant:history') && localDay(v.visitedAt) !== localDay(now)) throw notFound('That visit');
  const editProblem = problem(actor, v, 'edit');
  return { ...toRow(actor, v), loggedBy: v.createdBy.displayName, mayEdit: editProblem === null, refusal: editProblem };
}

/** The person's visit today, as the quick log shows it: when, and whether this actor may add to it. */
export type TodayVisit = { visitId: string; time: string; mayAdd: boolean; refusal: string | null };

/**
 * The person's latest visit still counted on today's program day, or null. Anyone who logs visits
 * (`visit:create`): it is the desk's "already in today" question, and today's visits are on every
 * desk screen already. An id that is not a uuid is simply nobody's.
 */
export async function todayVisitOf(actor: Actor, participantId: string, now: Date = programNow()): Promise<TodayVisit | null> {
  assertCan(actor, 'visit:create');
  const parsed = UpdateVisitSchema.shape.visitId.safeParse(participantId);
  if (!parsed.success) return null;
  const v = await db.visit.findFirst({
    where: { participantId: parsed.data, visitDate: dateOnly(localDay(now)), voidedAt: null },
    select: { id: true, visitedAt: true, createdById: true, createdAt: true, voidedAt: true, participant: { select: { deidentifiedAt: true } } },
    orderBy: [{ visitedAt: 'desc' }, { id: 'desc' }],
  });
  if (!v) return null;
  const refusal = visitChangeProblem(actor, { ...v, participantDeidentified: !!v.participant?.deidentifiedAt }, now, 'add');
  return { visitId: v.id, time: formatLocal(v.visitedAt, 'HH:mm'), mayAdd: refusal === null, refusal };
}
