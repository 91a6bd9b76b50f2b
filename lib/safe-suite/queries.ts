import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import { checkOverdue, nextCheckDue, nightsBetween, type StayStatus } from './rules.ts';
import { programNow } from '@/lib/calendar/index.ts';
import { undoWindowStart } from '@/lib/undo-window.ts';

// Reads for the suite page and a stay's page. Guests are named (alias and code) only here, to
// roles that see stays; the Today page reads lib/safe-suite/today.ts, which names nobody.

export type Unit = { id: string; name: string; active: boolean };
export type StayRow = {
  id: string;
  unitId: string;
  unitName: string;
  status: StayStatus;
  startAt: Date;
  endAt: Date;
  blockedUntil: Date;
  nights: number;
  alias: string | null;
  code: string;
  participantId: string;
  offered: boolean;
  createdAt: Date;
  /** When it was cancelled, declined or marked as not arrived (a cancellation can be undone for a while). */
  closedAt: Date | null;
};

const STAY_SELECT = {
  id: true,
  unitId: true,
  status: true,
  startAt: true,
  endAt: true,
  blockedUntil: true,
  offeredAt: true,
  createdAt: true,
  participantId: true,
  closedAt: true,
  unit: { select: { name: true } },
  participant: { select: { alias: true, code: true } },
} as const;

type Selected = {
  id: string;
  unitId: string;
  status: StayStatus;
  startAt: Date;
  endAt: Date;
  blockedUntil: Date;
  offeredAt: Date | null;
  createdAt: Date;
  participantId: string;
  closedAt: Date | null;
  unit: { name: string };
  participant: { alias: string | null; code: string };
};

function row(s: Selected): StayRow {
  return {
    id: s.id,
    unitId: s.unitId,
    unitName: s.unit.name,
    status: s.status,
    startAt: s.startAt,
    endAt: s.endAt,
    blockedUntil: s.blockedUntil,
    nights: nightsBetween(s.startAt, s.endAt),
    alias: s.participant.alias,
    code: s.participant.code,
    participantId: s.participantId,
    offered: s.offeredAt !== null,
    createdAt: s.createdAt,
    closedAt: s.closedAt,
  };
}

/** Units, active first in their order. Roles that see stays (`stay:read`). */
export async function listUnits(actor: Actor, { activeOnly = true } = {}): Promise<Unit[]> {
  assertCan(actor, 'stay:read');
  return db.suiteUnit.findMany({
    where: activeOnly ? { active: true } : {},
    select: { id: true, name: true, active: true },
    orderBy: [{ active: 'desc' }, { sortOrder: 'asc' }, { name: 'asc' }],
  });
}

/** Stays that hold a unit at some time in [from, to): the calendar's bars. Roles that see stays (`stay:read`). */
export async function staysBetween(actor: Actor, unitId: string, from: Date, to: Date): Promise<StayRow[]> {
  assertCan(actor, 'stay:read');
  const rows = await db.stay.findMany({
    where: { unitId, status: { in: ['confirmed', 'checked_in', 'checked_out'] }, startAt: { lt: to }, blockedUntil: { gt: from } },
    select: STAY_SELECT,
    orderBy: { startAt: 'asc' },
  });
  return rows.map(row);
}

/**
 * Confirmed and current stays not yet over, soonest first, with those cancelled so recently that
 * the cancellation can still be undone (shown in place, with Undo). Roles that see stays (`stay:read`).
 */
export async function currentAndComingStays(actor: Actor, now = programNow()): Promise<StayRow[]> {
  assertCan(actor, 'stay:read');
  const rows = await db.stay.findMany({
    where: {
      OR: [
        { status: 'checked_in' },
        { status: 'confirmed', endAt: { gt: now } },
        { status: 'cancelled', confirmedAt: { not: null }, endAt: { gt: now }, closedAt: { gte: undoWindowStart(now) } },
      ],
    },
    select: STAY_SELECT,
    orderBy: { startAt: 'asc' },
    take: 50,
  });
  return rows.map(row);
}

/** Requests waiting, in the order they were made (offers marked; one just cancelled stays in place, with Undo). Roles that see stays (`stay:read`). */
export async function waitlist(actor: Actor, now = programNow()): Promise<StayRow[]> {
  assertCan(actor, 'stay:read');
  const rows = await db.stay.findMany({
    where: { endAt: { gt: now }, OR: [{ status: 'requested' }, { status: 'cancelled', confirmedAt: null, closedAt: { gte: undoWindowStart(now) } }] },
    select: STAY_SELECT,
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    take: 100,
  });
  return rows.map(row);
}

export type StayDetail = StayRow & {
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  turnoverMinutes: number;
  createdBy: string;
  lastCheckAt: Date | null;
  nextCheckDue: Date | null;
  overdue: boolean;
  approvals: { approvedBy: string; approvedAt: Date; newEnd: Date; nights: number }[];
};

/** One stay for its page (the log is read separately, audited). Roles that see stays (`stay:read`); null when unknown. */
export async function getStay(actor: Actor, id: string, now = programNow()): Promise<StayDetail | null> {
  assertCan(actor, 'stay:read');
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const s = await db.stay.findUnique({
    where: { id },
    select: {
      ...STAY_SELECT,
      checkedInAt: true,
      checkedOutAt: true,
      turnoverMinutes: true,
      createdBy: { select: { displayName: true } },
      log: { where: { kind: 'welfare_check' }, select: { at: true }, orderBy: { at: 'desc' }, take: 1 },
      extensions: { select: { approvedAt: true, newEnd: true, nights: true, approvedBy: { select: { displayName: true } } }, orderBy: { approvedAt: 'asc' } },
    },
  });
  if (!s) return null;
  const interval = await getSetting('suite.welfareCheckMinutes');
  const lastCheckAt = s.log[0]?.at ?? null;
  const since = lastCheckAt ?? s.checkedInAt;
  const inProgress = s.status === 'checked_in' && since !== null;
  return {
    ...row(s),
    checkedInAt: s.checkedInAt,
    checkedOutAt: s.checkedOutAt,
    turnoverMinutes: s.turnoverMinutes,
    createdBy: s.createdBy.displayName,
    lastCheckAt,
    nextCheckDue: inProgress ? nextCheckDue(since, interval) : null,
    overdue: inProgress && checkOverdue(since, interval, now),
    approvals: s.extensions.map((e) => ({ approvedBy: e.approvedBy.displayName, approvedAt: e.approvedAt, newEnd: e.newEnd, nights: e.nights })),
  };
}
