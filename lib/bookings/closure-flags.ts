import 'server-only';
import type { Tx } from '@/lib/db/client.ts';
import { db } from '@/lib/db/client.ts';
import { nextFreePlace } from './load.ts';
import { closureFor, type Closure, type Kind } from './slots.ts';

// A booking made before a closure was added over its slot still holds its place: the desk must
// see it and move the person. Which bookings those are is the slot rule's own question
// (closureFor, the same one that refuses new bookings there); this only words it and finds where
// the booking could go instead.

/** "Shower 2 is closed then (repairs) — move this booking", and the next free place of its kind, if any. */
export type ClosureFlag = { message: string; moveTo: { value: string; label: string } | null };

type Flaggable = { id: string; kind: Kind; status: string; resourceId: string; resourceName: string; slotStart: Date; slotEnd: Date };

/**
 * The flag for each booking still booked (not checked in, not over) whose slot a closure covers,
 * by booking id. The place offered is the first free one of its kind at or after the booked time
 * (the person planned their day around it), else the earliest free one left that day.
 * Internal to lib/bookings: callers have checked the actor.
 */
export async function closureFlags(
  rows: readonly Flaggable[],
  closures: readonly Closure[],
  day: string,
  now: Date,
  client: Tx | typeof db = db,
): Promise<Map<string, ClosureFlag>> {
  const out = new Map<string, ClosureFlag>();
  const offered = new Map<string, ClosureFlag['moveTo']>();
  for (const b of rows) {
    if (b.status !== 'booked' || b.slotEnd <= now) continue;
    const closure = closureFor(b.resourceId, { start: b.slotStart, end: b.slotEnd }, closures);
    if (!closure) continue;
    const key = `${b.kind}@${b.slotStart.toISOString()}`;
    if (!offered.has(key)) {
      const place = (await nextFreePlace(client, b.kind, day, now, b.slotStart)) ?? (await nextFreePlace(client, b.kind, day, now));
      offered.set(key, place && { value: `${place.resourceId}@${place.start.toISOString()}`, label: `${place.resourceName} at ${place.time}` });
    }
    const why = closure.reason ? ` (${closure.reason})` : '';
    out.set(b.id, { message: `${b.resourceName} is closed then${why} — move this booking.`, moveTo: offered.get(key) ?? null });
  }
  return out;
}
