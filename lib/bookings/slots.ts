import { addDays, atLocal, formatLocal, isoWeekday, localDay } from '@/lib/calendar/index.ts';
import { minutesLabel, type OpeningHours } from './hours.ts';

export { minutesLabel, type OpeningHours };

// Slot availability, pure: opening hours per weekday in the program's time zone, closures, slot
// length, capacity and the places already held. The data layer loads the rows and asks here; the
// database's unique key on (resource, slot, seat) has the last word when two desks race.
//
// A day's slots start at the opening time and follow each other every `slotMinutes` of real
// time until the closing time; on a daylight-saving day the wall clock jumps, the slots do not.

export type Kind = 'shower' | 'laundry';
export type SlotResource = {
  id: string;
  name: string;
  kind: Kind;
  capacity: number;
  slotMinutes: number;
  active: boolean;
  hours: readonly OpeningHours[];
};
export type Closure = { resourceId: string | null; startsAt: Date; endsAt: Date; reason?: string };
export type Held = { resourceId: string; slotStart: Date; seat: number };
export type Slot = { start: Date; end: Date };
export type SlotState = Slot & { closed: boolean; past: boolean; freeSeats: number[] };
export type FreePlace = { resourceId: string; start: Date; end: Date; seat: number };

/** How far ahead the desk books. */
export const BOOKING_HORIZON_DAYS = 14;

/** Every slot of a resource on a program date, by its opening hours (none when closed that weekday). */
export function daySlots(resource: Pick<SlotResource, 'slotMinutes' | 'hours'>, day: string): Slot[] {
  const hours = resource.hours.find((h) => h.weekday === isoWeekday(day));
  if (!hours) return [];
  const opens = atLocal(day, hours.opensMin).getTime();
  const closes = atLocal(day, hours.closesMin).getTime();
  const step = resource.slotMinutes * 60_000;
  const slots: Slot[] = [];
  for (let t = opens; t + step <= closes; t += step) slots.push({ start: new Date(t), end: new Date(t + step) });
  return slots;
}

/** The closure that covers any part of the slot, for this resource or all of them. */
export function closureFor(resourceId: string, slot: Slot, closures: readonly Closure[]): Closure | undefined {
  return closures.find(
    (c) => (c.resourceId === null || c.resourceId === resourceId) && c.startsAt.getTime() < slot.end.getTime() && c.endsAt.getTime() > slot.start.getTime(),
  );
}

/** A slot can be booked until half of it has gone: someone walking in at 10:10 still gets the 10:00 shower. */
export function slotIsPast(slot: Slot, now: Date): boolean {
  return now.getTime() >= (slot.start.getTime() + slot.end.getTime()) / 2;
}

/**
 * The free seats of a slot, lowest first, over held places already loaded: the database function
 * free_seat's rule (prisma/sql/free_seat.sql) in a pure form, for the grid and "next free" to show
 * a whole day without one query per slot. The seat a booking takes is always free_seat's pick;
 * seat-pick.db.test.ts checks the two agree on the same rows.
 */
export function freeSeats(resource: Pick<SlotResource, 'id' | 'capacity'>, slot: Slot, held: readonly Held[]): number[] {
  const taken = new Set(held.filter((h) => h.resourceId === resource.id && h.slotStart.getTime() === slot.start.getTime()).map((h) => h.seat));
  return Array.from({ length: resource.capacity }, (_, i) => i + 1).filter((s) => !taken.has(s));
}

/** Each slot of the day with its free seats, and whether it is closed or gone. */
export function slotStates(resource: SlotResource, day: string, closures: readonly Closure[], held: readonly Held[], now: Date): SlotState[] {
  return daySlots(resource, day).map((slot) => ({
    ...slot,
    closed: !!closureFor(resource.id, slot, closures),
    past: slotIsPast(slot, now),
    freeSeats: freeSeats(resource, slot, held),
  }));
}

/**
 * Why a place cannot be booked on this resource at this start, or null when it can (seats apart:
 * whether one is free is the data layer's question, answered by the unique key).
 */
export function slotProblem(resource: SlotResource, start: Date, closures: readonly Closure[], now: Date): string | null {
  if (Number.isNaN(start.getTime())) return 'Choose a slot from the grid.';
  if (!resource.active) return `${resource.name} is not in use at the moment. Choose another.`;
  const day = localDay(start);
  const hours = resource.hours.find((h) => h.weekday === isoWeekday(day));
  if (!hours) return `${resource.name} is closed on ${formatLocal(start, 'EEEE')}s.`;
  const slot = daySlots(resource, day).find((s) => s.start.getTime() === start.getTime());
  if (!slot) {
    const opens = atLocal(day, hours.opensMin).getTime();
    const closes = atLocal(day, hours.closesMin).getTime();
    if (start.getTime() < opens || start.getTime() + resource.slotMinutes * 60_000 > closes) {
      return `That time is outside ${resource.name}’s opening hours (${minutesLabel(hours.opensMin)}–${minutesLabel(hours.closesMin)}).`;
    }
    return `Slots on ${resource.name} start every ${resource.slotMinutes} minutes from ${minutesLabel(hours.opensMin)}. Choose a slot from the grid.`;
  }
  const closure = closureFor(resource.id, slot, closures);
  if (closure) return `${resource.name} is closed then${closure.reason ? ` (${closure.reason})` : ''}.`;
  if (slotIsPast(slot, now)) return 'That slot has already gone. Choose a later one.';
  if (day > addDays(localDay(now), BOOKING_HORIZON_DAYS)) return `Bookings open ${BOOKING_HORIZON_DAYS} days ahead. Choose an earlier day.`;
  return null;
}

/**
 * The earliest free place on any of these resources from now (or from a later time, `from`) over
 * the given days: earliest start first, then the resources' order, then the lowest seat. Null when
 * everything is full or closed.
 */
export function firstFree(
  resources: readonly SlotResource[],
  days: readonly string[],
  closures: readonly Closure[],
  held: readonly Held[],
  now: Date,
  from?: Date,
): FreePlace | null {
  let best: FreePlace | null = null;
  const notBefore = from?.getTime() ?? -Infinity;
  for (const day of days) {
    for (const resource of resources) {
      if (!resource.active) continue;
      const slot = slotStates(resource, day, closures, held, now).find((s) => !s.closed && !s.past && s.freeSeats.length > 0 && s.start.getTime() >= notBefore);
      if (slot && (!best || slot.start.getTime() < best.start.getTime())) {
        best = { resourceId: resource.id, start: slot.start, end: slot.end, seat: slot.freeSeats[0]! };
      }
    }
    if (best) return best;
  }
  return null;
}
