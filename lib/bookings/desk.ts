import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { closureFlags, type ClosureFlag } from './closure-flags.ts';
import { dayBounds, loadClosures, nextFreePlace } from './load.ts';
import { WAITLIST_OPEN, ticketLabel, type BookingStatus } from './rules.ts';
import { type Kind } from './slots.ts';
import { sweepNoShows } from './sweep.ts';
import { KINDS } from './schema.ts';
import type { Person } from './queries.ts';
import { localDay, localTime, programNow } from '@/lib/calendar/index.ts';

// The compact views: the Today page's queue (now, next, next free, offers) and a participant's
// own bookings for their profile.

export type QueueLine = { id: string; ticket: string; time: string; resourceName: string; status: BookingStatus; person: Person | null };
export type KindQueue = {
  kind: Kind;
  now: QueueLine[];
  next: QueueLine[];
  nextFree: { time: string; resourceName: string } | null;
  waiting: number;
  offered: { id: string; ticket: string; person: Person | null }[];
  /** Today's bookings still to come whose slot a closure now covers: the desk moves them. */
  toMove: (QueueLine & { flag: ClosureFlag })[];
};

const lineSelect = {
  id: true,
  kind: true,
  ticket: true,
  status: true,
  slotStart: true,
  slotEnd: true,
  resourceId: true,
  resource: { select: { name: true } },
  participant: { select: { alias: true, code: true } },
} as const;

type LineRow = {
  id: string;
  kind: Kind;
  ticket: number;
  status: BookingStatus;
  slotStart: Date;
  slotEnd: Date;
  resourceId: string;
  resource: { name: string };
  participant: Person | null;
};

const line = (b: LineRow): QueueLine => ({
  id: b.id,
  ticket: ticketLabel(b.kind, b.ticket),
  time: localTime(b.slotStart),
  resourceName: b.resource.name,
  status: b.status,
  person: b.participant,
});

async function kindQueue(kind: Kind, now: Date): Promise<KindQueue> {
  const day = localDay(now);
  const today = { kind, day: new Date(`${day}T00:00:00Z`) };
  const current = await db.booking.findMany({
    where: { ...today, status: { in: ['booked', 'checked_in'] }, slotStart: { lte: now }, slotEnd: { gt: now } },
    select: lineSelect,
    orderBy: [{ slotStart: 'asc' }, { ticket: 'asc' }],
  });
  const upcoming = await db.booking.findFirst({
    where: { ...today, status: 'booked', slotStart: { gt: now } },
    select: { slotStart: true },
    orderBy: { slotStart: 'asc' },
  });
  const next = upcoming
    ? await db.booking.findMany({ where: { ...today, status: 'booked', slotStart: upcoming.slotStart }, select: lineSelect, orderBy: { ticket: 'asc' } })
    : [];
  const entries = await db.waitlistEntry.findMany({
    where: { ...today, status: { in: [...WAITLIST_OPEN] } },
    select: { id: true, ticket: true, status: true, participant: { select: { alias: true, code: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const free = await nextFreePlace(db, kind, day, now);
  const toMove = await closedOver(kind, day, now);
  return {
    kind,
    now: current.map(line),
    next: next.map(line),
    nextFree: free && { time: free.time, resourceName: free.resourceName },
    waiting: entries.filter((e) => e.status === 'waiting').length,
    offered: entries.filter((e) => e.status === 'offered').map((e) => ({ id: e.id, ticket: ticketLabel(kind, e.ticket), person: e.participant })),
    toMove,
  };
}

/** Today's bookings of a kind still to come that a closure covers, each with its flag (closure-flags.ts). */
async function closedOver(kind: Kind, day: string, now: Date): Promise<KindQueue['toMove']> {
  const { from, to } = dayBounds(day);
  const closures = await loadClosures(db, from, to);
  if (!closures.length) return [];
  const rows = await db.booking.findMany({
    where: { kind, day: new Date(`${day}T00:00:00Z`), status: 'booked', slotEnd: { gt: now } },
    select: lineSelect,
    orderBy: [{ slotStart: 'asc' }, { ticket: 'asc' }],
  });
  const flags = await closureFlags(
    rows.map((b) => ({ ...b, resourceName: b.resource.name })),
    closures,
    day,
    now,
  );
  return rows.filter((b) => flags.has(b.id)).map((b) => ({ ...line(b), flag: flags.get(b.id)! }));
}

/** Now, next, next free and waitlist offers per kind, for the Today page. Anyone who sees bookings (`booking:read`). */
export async function deskQueue(actor: Actor, now: Date = programNow()): Promise<KindQueue[]> {
  assertCan(actor, 'booking:read');
  await sweepNoShows(now);
  const out: KindQueue[] = [];
  for (const kind of KINDS) out.push(await kindQueue(kind, now));
  return out;
}

export type OwnBooking = QueueLine & { day: string };

/** A participant's bookings that still hold a place, for their profile: from today on, or today's alone for a role without `participant:history`. Anyone who sees bookings (`booking:read`). */
export async function participantBookings(actor: Actor, participantId: string, now: Date = programNow()): Promise<OwnBooking[]> {
  assertCan(actor, 'booking:read');
  if (!/^[0-9a-f-]{36}$/i.test(participantId)) return [];
  await sweepNoShows(now);
  const today = new Date(`${localDay(now)}T00:00:00Z`);
  // Peers see today's places only (the desk's queue); later days are the person's plans, kept to workers.
  const day = can(actor, 'participant:history') ? { gte: today } : today;
  const rows = await db.booking.findMany({
    where: { participantId, status: { in: ['booked', 'checked_in'] }, day },
    select: lineSelect,
    orderBy: { slotStart: 'asc' },
    take: 20,
  });
  return rows.map((b) => ({ ...line(b), day: localDay(b.slotStart) }));
}
