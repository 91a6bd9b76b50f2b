import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { AppError } from '@/lib/errors.ts';
import { RESOURCE_NOT_FOUND } from './schema.ts';
import { firstFree, type Closure, type FreePlace, type Held, type Kind, type SlotResource } from './slots.ts';
import { addDays, atLocal, localDay, localTime } from '@/lib/calendar/index.ts';

// Reads what the pure slot rules need: resources with their hours, closures and held places.
// Internal to lib/bookings: callers have checked the actor already.

type Client = Tx | typeof db;

const resourceSelect = {
  id: true,
  name: true,
  kind: true,
  capacity: true,
  slotMinutes: true,
  active: true,
  hours: { select: { weekday: true, opensMin: true, closesMin: true } },
} as const;

/** Resources of a kind (or all), active ones only unless asked, in the desk's order. */
export async function loadResources(client: Client, opts: { kind?: Kind; includeInactive?: boolean } = {}): Promise<SlotResource[]> {
  return client.resource.findMany({
    where: { ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.includeInactive ? {} : { active: true }) },
    select: resourceSelect,
    orderBy: [{ kind: 'asc' }, { sortOrder: 'asc' }, { name: 'asc' }],
  });
}

/** One resource with its hours, in one round trip (it is read on every booking). */
export async function loadResource(client: Client, id: string): Promise<SlotResource> {
  const [resource] = await client.$queryRaw<SlotResource[]>`
    SELECT r.id::text AS id, r.name, r.kind::text AS kind, r.capacity, r.slot_minutes AS "slotMinutes", r.active,
           coalesce((SELECT json_agg(json_build_object('weekday', h.weekday, 'opensMin', h.opens_min, 'closesMin', h.closes_min))
                     FROM resource_hours h WHERE h.resource_id = r.id), '[]'::json) AS hours
    FROM resource r WHERE r.id = ${id}::uuid`;
  if (!resource) throw new AppError('not_found', RESOURCE_NOT_FOUND);
  return resource;
}

type ContextRow = {
  resource: SlotResource | null;
  closures: { resourceId: string | null; startsAt: string; endsAt: string; reason: string }[];
  earlier: { id: string; ticket: number; seat: number; createdById: string } | null;
};

/**
 * What a booking of one slot needs before it starts, in one round trip (it runs on every
 * booking): the no-show sweep due at `now` (lib/bookings/sweep.ts), then the resource with its
 * hours, the day's closures, and the booking an earlier submit of the same form made, if any.
 */
export async function slotContext(client: Client, resourceId: string, idempotencyKey: string, day: string, now: Date) {
  const { from, to } = dayBounds(day);
  const [row] = await client.$queryRaw<ContextRow[]>`
    SELECT
      (SELECT missed FROM sweep_bookings(${now}::timestamptz)) AS swept,
      (SELECT json_build_object('id', r.id, 'name', r.name, 'kind', r.kind, 'capacity', r.capacity, 'slotMinutes', r.slot_minutes, 'active', r.active,
                'hours', coalesce((SELECT json_agg(json_build_object('weekday', h.weekday, 'opensMin', h.opens_min, 'closesMin', h.closes_min))
                                   FROM resource_hours h WHERE h.resource_id = r.id), '[]'::json))
       FROM resource r WHERE r.id = ${resourceId}::uuid) AS resource,
      coalesce((SELECT json_agg(json_build_object('resourceId', c.resource_id, 'startsAt', c.starts_at, 'endsAt', c.ends_at, 'reason', c.reason))
                FROM resource_closure c WHERE c.starts_at < ${to} AND c.ends_at > ${from}), '[]'::json) AS closures,
      (SELECT json_build_object('id', b.id, 'ticket', b.ticket, 'seat', b.seat, 'createdById', b.created_by_id)
       FROM booking b WHERE b.idempotency_key = ${idempotencyKey}::uuid) AS earlier`;
  const closures: Closure[] = row!.closures.map((c) => ({ ...c, startsAt: new Date(c.startsAt), endsAt: new Date(c.endsAt) }));
  return { resource: row!.resource, closures, earlier: row!.earlier };
}

/** The instants that bound a program day (its local midnights). */
export function dayBounds(day: string): { from: Date; to: Date } {
  return { from: atLocal(day, 0), to: atLocal(addDays(day, 1), 0) };
}

export async function loadClosures(client: Client, from: Date, to: Date): Promise<Closure[]> {
  return client.resourceClosure.findMany({
    where: { startsAt: { lt: to }, endsAt: { gt: from } },
    select: { resourceId: true, startsAt: true, endsAt: true, reason: true },
    orderBy: { startsAt: 'asc' },
  });
}

/** Places held (booked or checked in) on these resources between two instants. */
export async function loadHeld(client: Client, resourceIds: string[], from: Date, to: Date): Promise<Held[]> {
  if (!resourceIds.length) return [];
  return client.booking.findMany({
    where: { resourceId: { in: resourceIds }, slotStart: { gte: from, lt: to }, status: { in: ['booked', 'checked_in'] } },
    select: { resourceId: true, slotStart: true, seat: true },
  });
}

export type NextPlace = FreePlace & { resourceName: string; time: string };

/** The earliest free place of a kind on a program day from now (or from `notBefore`, when later), or null. */
export async function nextFreePlace(client: Client, kind: Kind, day: string, now: Date, notBefore?: Date): Promise<NextPlace | null> {
  const resources = await loadResources(client, { kind });
  const { from, to } = dayBounds(day);
  // One after the other: inside a transaction the queries share one connection anyway.
  const closures = await loadClosures(client, from, to);
  const held = await loadHeld(
    client,
    resources.map((r) => r.id),
    from,
    to,
  );
  const place = firstFree(resources, [day], closures, held, now, notBefore);
  if (!place) return null;
  return { ...place, resourceName: resources.find((r) => r.id === place.resourceId)!.name, time: localTime(place.start) };
}

/** "today" or "that day", for messages about a program day. */
export function dayWord(day: string, now: Date): 'today' | 'that day' {
  return day === localDay(now) ? 'today' : 'that day';
}
