import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { dayBounds, loadClosures, loadResources } from './load.ts';
import { HOLDING, SEAT_LABEL, WAITLIST_OPEN, ticketLabel, timingProblem, type BookingStatus } from './rules.ts';
import { closureFor, daySlots, slotIsPast, type Kind, type Slot, type SlotResource } from './slots.ts';
import { sweepNoShows } from './sweep.ts';
import { closureFlags, type ClosureFlag } from './closure-flags.ts';
import { localDay, localTime, programNow } from '@/lib/calendar/index.ts';

// What the bookings page shows for one program day: each resource's slots with a row of seats,
// the bookings in them, and the waitlists. Alias and code only (peers see the desk too), and only
// today's for a role that does not see a person's past or plans (`participant:history`): on other
// days a peer sees that a seat is taken and by ticket, not by whom.

export type Person = { alias: string | null; code: string };
/** Whom a booking is for: a person, nobody (anonymous), or someone this role does not see today. */
export type BookedFor = Person | null | 'withheld';
/** `flag`: booked in a slot a closure now covers (closure-flags.ts), with where it could move. */
export type GridBooking = { id: string; ticket: string; seat: number; status: BookingStatus; person: BookedFor; flag: ClosureFlag | null };
export type GridSlot = {
  start: string;
  end: string;
  time: string;
  closed: string | null;
  /** Too late to book (half gone); started; over; check-in open (rules.ts timingProblem). */
  past: boolean;
  started: boolean;
  over: boolean;
  checkInOpen: boolean;
  /** Each seat: the booking holding it, and the ones that sat there and hold it no more (done, cancelled, missed), so a past slot shows who was there. */
  seats: { seat: number; booking: GridBooking | null; earlier: GridBooking[] }[];
};
export type GridResource = { id: string; name: string; kind: Kind; active: boolean; seatLabel: string; slotMinutes: number; slots: GridSlot[] };
export type WaitlistRow = { id: string; position: number; ticket: string; status: 'waiting' | 'offered'; person: BookedFor };
export type BookingDay = { day: string; today: string; resources: GridResource[]; waitlists: Record<Kind, WaitlistRow[]> };

type Row = GridBooking & { kind: Kind; resourceId: string; slotStart: Date; slotEnd: Date };

/** The person as this role may see them: names are not even read where they are withheld. */
function bookedFor(r: { participantId: string | null; participant?: Person | null }, names: boolean): BookedFor {
  if (r.participantId === null) return null;
  return names ? (r.participant ?? 'withheld') : 'withheld';
}

async function dayBookings(day: string, names: boolean): Promise<Row[]> {
  const rows = await db.booking.findMany({
    where: { day: new Date(`${day}T00:00:00Z`) },
    select: {
      id: true,
      kind: true,
      ticket: true,
      seat: true,
      status: true,
      resourceId: true,
      slotStart: true,
      slotEnd: true,
      participantId: true,
      participant: names ? { select: { alias: true, code: true } } : false,
    },
    orderBy: [{ slotStart: 'asc' }, { seat: 'asc' }, { ticket: 'asc' }],
  });
  return rows.map((r) => ({
    id: r.id,
    ticket: ticketLabel(r.kind, r.ticket),
    seat: r.seat,
    status: r.status,
    person: bookedFor(r, names),
    flag: null,
    kind: r.kind,
    resourceId: r.resourceId,
    slotStart: r.slotStart,
    slotEnd: r.slotEnd,
  }));
}

function gridSlot(resource: SlotResource, slot: Slot, rows: Row[], closure: string | null, now: Date): GridSlot {
  const here = rows.filter((r) => r.resourceId === resource.id && r.slotStart.getTime() === slot.start.getTime());
  const holding = here.filter((r) => HOLDING.includes(r.status));
  const strip = ({ kind: _k, resourceId: _r, slotStart: _s, slotEnd: _e, ...b }: Row): GridBooking => b;
  // A seat beyond today's capacity still shows the bookings that sat there (capacity cut later).
  const seatCount = Math.max(resource.capacity, ...here.map((r) => r.seat));
  return {
    start: slot.start.toISOString(),
    end: slot.end.toISOString(),
    time: localTime(slot.start),
    closed: closure,
    past: slotIsPast(slot, now),
    started: slot.start <= now,
    over: slot.end <= now,
    checkInOpen: !timingProblem('check_in', slot, now),
    seats: Array.from({ length: seatCount }, (_, i) => {
      const b = holding.find((r) => r.seat === i + 1);
      const earlier = here.filter((r) => r.seat === i + 1 && !HOLDING.includes(r.status)).map(strip);
      return { seat: i + 1, booking: b ? strip(b) : null, earlier };
    }),
  };
}

/** Slots from the opening hours, plus any slot a booking sits in that the hours no longer give (hours changed later). */
function slotsWithBookings(resource: SlotResource, day: string, rows: Row[]): Slot[] {
  const slots = daySlots(resource, day);
  const known = new Set(slots.map((s) => s.start.getTime()));
  for (const r of rows) {
    if (r.resourceId !== resource.id || known.has(r.slotStart.getTime())) continue;
    known.add(r.slotStart.getTime());
    slots.push({ start: r.slotStart, end: r.slotEnd });
  }
  return slots.sort((a, b) => a.start.getTime() - b.start.getTime());
}

async function waitlists(day: string, names: boolean): Promise<Record<Kind, WaitlistRow[]>> {
  const entries = await db.waitlistEntry.findMany({
    where: { day: new Date(`${day}T00:00:00Z`), status: { in: [...WAITLIST_OPEN] } },
    select: { id: true, kind: true, ticket: true, status: true, participantId: true, participant: names ? { select: { alias: true, code: true } } : false },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  const out: Record<Kind, WaitlistRow[]> = { shower: [], laundry: [] };
  for (const e of entries) {
    const list = out[e.kind];
    list.push({
      id: e.id,
      position: list.length + 1,
      ticket: ticketLabel(e.kind, e.ticket),
      status: e.status as WaitlistRow['status'],
      person: bookedFor(e, names),
    });
  }
  return out;
}

/**
 * One program day of bookings for the desk's grid. Anyone who sees bookings (`booking:read`); whom
 * each is for, today for all of them, other days for roles that see a person's past and plans.
 */
export async function bookingDay(actor: Actor, day: string, now: Date = programNow()): Promise<BookingDay> {
  assertCan(actor, 'booking:read');
  await sweepNoShows(now);
  const { from, to } = dayBounds(day);
  const names = day === localDay(now) || can(actor, 'participant:history');
  const rows = await dayBookings(day, names);
  const closures = await loadClosures(db, from, to);
  const resources = (await loadResources(db, { includeInactive: true })).filter(
    (r) => r.active || rows.some((b) => b.resourceId === r.id && HOLDING.includes(b.status)),
  );
  const named = rows.map((b) => ({ ...b, resourceName: resources.find((r) => r.id === b.resourceId)?.name ?? '' }));
  const flags = await closureFlags(named, closures, day, now);
  for (const b of rows) b.flag = flags.get(b.id) ?? null;
  return {
    day,
    today: localDay(now),
    resources: resources.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      active: r.active,
      seatLabel: SEAT_LABEL[r.kind],
      slotMinutes: r.slotMinutes,
      slots: slotsWithBookings(r, day, rows).map((s) => gridSlot(r, s, rows, closureFor(r.id, s, closures)?.reason ?? null, now)),
    })),
    waitlists: await waitlists(day, names),
  };
}
