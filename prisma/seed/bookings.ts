import type { Prisma, PrismaClient } from '../../lib/db/generated/client.ts';
import { createRandom, type Random } from './generate/random.ts';
import { daySlots, type Kind, type Slot, type SlotResource } from '../../lib/bookings/slots.ts';
import { addDays, atLocal, localDay, programNow } from '../../lib/calendar/index.ts';

// Demo showers and laundry: two showers (30-minute slots) and a washer and dryer pair room with two
// pairs (90-minute slots), open Monday to Saturday 9:00–16:00; a holiday closure last week and a
// repair coming up; bookings in every status over the last three weeks, today and the next two
// days (done, missed or cancelled before now, checked in now, booked after), and two people on
// today's shower waitlist.
// Deterministic: the same seed and day give the same bookings.

const SEED = 'lantern-demo-bookings-1';
const WEEKDAYS = [1, 2, 3, 4, 5, 6];
const DAYS_BACK = 21;
const RESOURCES = [
  { name: 'Shower 1', kind: 'shower', capacity: 1, slotMinutes: 30, sortOrder: 10 },
  { name: 'Shower 2', kind: 'shower', capacity: 1, slotMinutes: 30, sortOrder: 20 },
  { name: 'Washer and dryer', kind: 'laundry', capacity: 2, slotMinutes: 90, sortOrder: 30 },
] as const;

type Status = 'booked' | 'checked_in' | 'done' | 'cancelled' | 'no_show';
type Row = Prisma.BookingCreateManyInput;

async function createResources(db: PrismaClient): Promise<SlotResource[]> {
  const out: SlotResource[] = [];
  for (const r of RESOURCES) {
    const hours = WEEKDAYS.map((weekday) => ({ weekday, opensMin: 540, closesMin: 960 }));
    const created = await db.resource.create({ data: { ...r, hours: { create: hours } }, select: { id: true } });
    out.push({ ...r, id: created.id, active: true, hours });
  }
  return out;
}

/** What became of a booking whose slot is before now (or holds now). */
function pastStatus(random: Random, slot: Slot, now: Date): Status {
  if (slot.start <= now && now < slot.end) return random.chance(0.8) ? 'checked_in' : 'booked';
  return random.weighted<Status>([
    ['done', 74],
    ['no_show', 14],
    ['cancelled', 12],
  ]);
}

function timestamps(status: Status, slot: Slot, bookedAt: Date) {
  const min = (m: number) => new Date(slot.start.getTime() + m * 60_000);
  return {
    bookedAt,
    createdAt: bookedAt,
    checkedInAt: status === 'checked_in' || status === 'done' ? min(2) : null,
    doneAt: status === 'done' ? slot.end : null,
    noShowAt: status === 'no_show' ? min(10) : null,
    cancelledAt: status === 'cancelled' ? min(-45) : null,
  };
}

type DayContext = { random: Random; day: string; now: Date; people: string[]; staff: string[]; tickets: Record<Kind, number> };

function bookDay(ctx: DayContext, resources: SlotResource[]): Row[] {
  const rows: Row[] = [];
  const holding: Record<Kind, Set<string>> = { shower: new Set(), laundry: new Set() };
  const slots = resources
    .flatMap((r) => daySlots(r, ctx.day).flatMap((slot) => Array.from({ length: r.capacity }, (_, i) => ({ r, slot, seat: i + 1 }))))
    .sort((a, b) => a.slot.start.getTime() - b.slot.start.getTime());
  for (const { r, slot, seat } of slots) {
    const future = slot.start > ctx.now;
    if (!ctx.random.chance(future ? 0.45 : 0.7)) continue;
    const status: Status = future ? (ctx.random.chance(0.1) ? 'cancelled' : 'booked') : pastStatus(ctx.random, slot, ctx.now);
    // Anonymous now and then; otherwise someone without a place of this kind yet that day (the daily limit).
    let person: string | null = ctx.random.chance(0.15) ? null : ctx.random.pick(ctx.people);
    if (person && holding[r.kind].has(person)) person = null;
    if (person && (status === 'booked' || status === 'checked_in' || status === 'done')) holding[r.kind].add(person);
    ctx.tickets[r.kind] += 1;
    const bookedAt = new Date(Math.min(slot.start.getTime() - ctx.random.int(10, 180) * 60_000, ctx.now.getTime()));
    rows.push({
      resourceId: r.id,
      kind: r.kind,
      participantId: person,
      day: new Date(`${ctx.day}T00:00:00Z`),
      ticket: ctx.tickets[r.kind],
      slotStart: slot.start,
      slotEnd: slot.end,
      seat,
      status,
      idempotencyKey: ctx.random.uuid(),
      createdById: ctx.random.pick(ctx.staff),
      ...timestamps(status, slot, bookedAt),
    });
  }
  return rows;
}

export async function seedBookings(db: PrismaClient, now = programNow()): Promise<void> {
  const random = createRandom(SEED);
  const resources = await createResources(db);
  const staff = (
    await db.staffUser.findMany({ where: { role: { in: ['peer', 'coordinator', 'outreach', 'manager'] } }, select: { id: true }, orderBy: { email: 'asc' } })
  ).map((s) => s.id);
  const people = (
    await db.participant.findMany({ where: { deidentifiedAt: null, mergedIntoId: null }, select: { id: true }, orderBy: { code: 'asc' }, take: 120 })
  ).map((p) => p.id);
  const today = localDay(now);
  const lastWeek = addDays(today, -7);
  await db.resourceClosure.create({
    data: { resourceId: null, startsAt: atLocal(lastWeek, 0), endsAt: atLocal(addDays(lastWeek, 1), 0), reason: 'Statutory holiday' },
  });
  await db.resourceClosure.create({
    data: { resourceId: resources[1]!.id, startsAt: atLocal(addDays(today, 2), 780), endsAt: atLocal(addDays(today, 2), 960), reason: 'Plumbing repair' },
  });
  // Three weeks back, today, and the next two days (places booked ahead).
  for (let offset = -DAYS_BACK; offset <= 2; offset++) {
    const day = addDays(today, offset);
    if (day === lastWeek) continue; // the holiday
    const tickets: Record<Kind, number> = { shower: 0, laundry: 0 };
    const rows = bookDay({ random: random.fork(day), day, now, people, staff, tickets }, resources);
    await db.booking.createMany({ data: rows });
    if (day === today && daySlots(resources[0]!, day).length) {
      // Two people waiting for a shower today, one of them anonymous; the other holds no shower place today.
      const busy = new Set(rows.filter((r) => r.kind === 'shower').map((r) => r.participantId));
      const waiting = [people.find((p) => !busy.has(p)) ?? null, null];
      for (const participantId of waiting) {
        tickets.shower += 1;
        await db.waitlistEntry.create({ data: { kind: 'shower', day: new Date(`${day}T00:00:00Z`), ticket: tickets.shower, participantId } });
      }
    }
    for (const kind of ['shower', 'laundry'] as const) {
      if (tickets[kind]) await db.bookingTicket.create({ data: { day: new Date(`${day}T00:00:00Z`), kind, last: tickets[kind] } });
    }
  }
}
