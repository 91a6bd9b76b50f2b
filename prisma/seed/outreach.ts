import type { PrismaClient } from '../../lib/db/generated/client.ts';
import { createRandom, type Random } from './generate/random.ts';
import { addDays, atLocal, isoWeekday, localDay, programNow } from '../../lib/calendar/index.ts';

// Demo outreach: about three months of shifts up to yesterday, street on Tuesday and Friday
// evenings in the program's zones and online on Monday and Wednesday afternoons, each with
// contacts: people by record (new the first time outreach met them), anonymous people and small
// groups, what happened, and supplies, some to pass on. Every shift has ended, so nobody starts the
// demo on a shift. Deterministic: the same seed and day give the same entries.

const SEED = 'lantern-demo-outreach-1';
const WEEKS = 13;
/** Weekday (1 = Monday) → shift kind, start and end in minutes after local midnight. */
const PLAN: Record<number, { mode: 'street' | 'online'; from: number; to: number; contacts: [number, number] }> = {
  1: { mode: 'online', from: 13 * 60, to: 15 * 60 + 30, contacts: [2, 6] },
  2: { mode: 'street', from: 19 * 60, to: 23 * 60, contacts: [4, 11] },
  3: { mode: 'online', from: 13 * 60, to: 15 * 60 + 30, contacts: [2, 6] },
  5: { mode: 'street', from: 19 * 60, to: 23 * 60, contacts: [5, 12] },
};

type Lists = { zones: string[]; platforms: string[]; kinds: Record<string, string>; supplies: Record<string, string> };
type Ctx = { db: PrismaClient; random: Random; lists: Lists; worker: string; others: string[]; people: string[]; met: Set<string> };

async function lists(db: PrismaClient): Promise<Lists> {
  const options = await db.outreachOption.findMany({ where: { active: true }, select: { id: true, list: true, key: true }, orderBy: { sortOrder: 'asc' } });
  const types = await db.serviceType.findMany({ where: { kind: 'supply' }, select: { id: true, key: true } });
  return {
    zones: options.filter((o) => o.list === 'zone').map((o) => o.id),
    platforms: options.filter((o) => o.list === 'platform').map((o) => o.id),
    kinds: Object.fromEntries(options.filter((o) => o.list === 'contact_kind' && o.key).map((o) => [o.key!, o.id])),
    supplies: Object.fromEntries(types.filter((t) => t.key).map((t) => [t.key!, t.id])),
  };
}

/** What happened at one contact, and what was given. */
function happened(ctx: Ctx, mode: 'street' | 'online') {
  const { random, lists } = ctx;
  const kinds = new Set<string>([lists.kinds.talk!]);
  const supplies: { serviceTypeId: string; quantity: number; forOthers: number }[] = [];
  if (mode === 'street' && random.chance(0.6)) {
    kinds.add(lists.kinds.supplies!);
    supplies.push({ serviceTypeId: lists.supplies.condoms!, quantity: random.int(1, 6), forOthers: random.chance(0.2) ? random.int(2, 10) : 0 });
    if (random.chance(0.3)) supplies.push({ serviceTypeId: lists.supplies.naloxone!, quantity: 1, forOthers: random.chance(0.3) ? random.int(1, 2) : 0 });
    if (random.chance(0.2)) supplies.push({ serviceTypeId: lists.supplies.hygiene!, quantity: 1, forOthers: 0 });
  }
  if (random.chance(0.25)) kinds.add(lists.kinds.information!);
  if (random.chance(0.08)) kinds.add(lists.kinds.referral!);
  if (random.chance(0.03)) kinds.add(lists.kinds.crisis!);
  return { kinds: [...kinds], supplies };
}

async function oneShift(ctx: Ctx, day: string): Promise<void> {
  const { db, random, lists } = ctx;
  const plan = PLAN[isoWeekday(day)];
  if (!plan) return;
  const id = random.uuid();
  const startedAt = atLocal(day, plan.from + random.int(-10, 10));
  const endedAt = atLocal(day, plan.to + random.int(-15, 20));
  const staff = [ctx.worker, ...(plan.mode === 'street' && random.chance(0.5) ? [random.pick(ctx.others)] : [])];
  await db.outreachShift.create({
    data: {
      id,
      mode: plan.mode,
      zoneId: plan.mode === 'street' ? random.pick(lists.zones) : null,
      startedAt,
      endedAt,
      startedOn: new Date(`${day}T00:00:00Z`),
      createdById: ctx.worker,
      createdAt: startedAt,
      staff: { create: staff.map((staffId) => ({ staffId })) },
      ...(plan.mode === 'online'
        ? {
            platforms: {
              create: random
                .shuffle(lists.platforms)
                .slice(0, random.int(1, 3))
                .map((platformId) => ({ platformId })),
            },
          }
        : {}),
    },
    select: { id: true },
  });
  const count = random.int(...plan.contacts);
  const span = endedAt.getTime() - startedAt.getTime();
  for (let i = 0; i < count; i++) {
    const contactedAt = new Date(startedAt.getTime() + Math.floor(((i + random.next()) / count) * span * 0.95));
    const person = random.chance(0.65) ? random.pick(ctx.people) : null;
    const what = happened(ctx, plan.mode);
    await db.outreachContact.create({
      data: {
        id: random.uuid(),
        shiftId: id,
        participantId: person,
        peopleCount: person
          ? 1
          : random.weighted([
              [1, 6],
              [2, 2],
              [3, 1],
            ] as const),
        isNew: person ? !ctx.met.has(person) : random.chance(0.3),
        contactedAt,
        contactedOn: new Date(`${day}T00:00:00Z`),
        createdById: random.pick(staff),
        createdAt: contactedAt,
        kinds: { create: what.kinds.map((kindId) => ({ kindId })) },
        supplies: { create: what.supplies },
      },
      select: { id: true },
    });
    if (person) ctx.met.add(person);
  }
}

export async function seedOutreach(db: PrismaClient, now = programNow()): Promise<void> {
  const random = createRandom(SEED);
  const worker = await db.staffUser.findUniqueOrThrow({ where: { email: 'outreach@example.org' }, select: { id: true } });
  const others = (
    await db.staffUser.findMany({ where: { role: { in: ['coordinator', 'manager'] }, active: true }, select: { id: true }, orderBy: { email: 'asc' } })
  ).map((s) => s.id);
  const people = (
    await db.participant.findMany({ where: { deidentifiedAt: null, mergedIntoId: null }, select: { id: true }, orderBy: { code: 'asc' }, take: 120 })
  ).map((p) => p.id);
  const ctx: Ctx = { db, random, lists: await lists(db), worker: worker.id, others, people, met: new Set() };
  const today = localDay(now);
  for (let day = addDays(today, -7 * WEEKS); day < today; day = addDays(day, 1)) await oneShift(ctx, day);
}
