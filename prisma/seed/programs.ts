import type { Prisma, PrismaClient } from '../../lib/db/generated/client.ts';
import { createRandom, type Random } from './generate/random.ts';
import { CURRENT_LEAD_MINUTES, GENERATE_WEEKS, plannedSessions, type Schedule } from '../../lib/programs/rules.ts';
import { addDays, localDay, programNow } from '../../lib/calendar/index.ts';

// Demo programs: Tuesday breakfast with the overdose-prevention nurse, Thursday lunch with health
// practitioners, the Alumni Group every two weeks, and two peer workshop series (know your rights,
// ended; safety planning, running). Sessions from each start to eight weeks ahead, holidays closed,
// two cancelled; past sessions recorded with named regulars and a headcount, except each program's
// current one, left for the desk to record (the end-to-end test records Tuesday breakfast's).
// Deterministic: the same seed and day give the same sessions and attendance.

const SEED = 'lantern-demo-programs-1';

type DemoProgram = Omit<Schedule, 'activeFrom' | 'activeTo'> & {
  name: string;
  description: string;
  partner: string | null;
  fromDaysAgo: number;
  toDaysAhead: number | null;
  named: [number, number];
  anonymous: [number, number];
  topics: readonly string[];
};

const PROGRAMS: DemoProgram[] = [
  {
    name: 'Tuesday breakfast',
    description: 'Hot breakfast, and the nurse is in for naloxone, wound care and a chat.',
    partner: 'Overdose-prevention nurse',
    frequency: 'weekly',
    weekday: 2,
    startMin: 540,
    endMin: 660,
    fromDaysAgo: 120,
    toDaysAhead: null,
    named: [6, 14],
    anonymous: [2, 8],
    topics: ['Naloxone refresher', 'Wound care', 'Drug checking results', 'Flu shots'],
  },
  {
    name: 'Thursday lunch',
    description: 'Lunch with visiting health practitioners.',
    partner: 'Health practitioners',
    frequency: 'weekly',
    weekday: 4,
    startMin: 720,
    endMin: 810,
    fromDaysAgo: 120,
    toDaysAhead: null,
    named: [5, 12],
    anonymous: [1, 6],
    topics: ['Sexual health testing', 'Foot care', 'Dental referrals', 'Mental health drop-in'],
  },
  {
    name: 'Alumni Group',
    description: 'Peer support for people who have changed careers or are thinking about it.',
    partner: null,
    frequency: 'fortnightly',
    weekday: 3,
    startMin: 1020,
    endMin: 1110,
    fromDaysAgo: 110,
    toDaysAhead: null,
    named: [3, 8],
    anonymous: [0, 2],
    topics: [],
  },
  {
    name: 'Peer workshop: know your rights',
    description: 'Four sessions led by peers with a legal advocate.',
    partner: 'Legal advocate',
    frequency: 'weekly',
    weekday: 1,
    startMin: 840,
    endMin: 930,
    fromDaysAgo: 70,
    toDaysAhead: -42,
    named: [4, 9],
    anonymous: [0, 3],
    topics: ['Dealing with police', 'Tenancy rights', 'Your rights at work', 'Getting ID'],
  },
  {
    name: 'Peer workshop: safety planning',
    description: 'Six sessions on planning for safety, led by peers.',
    partner: null,
    frequency: 'weekly',
    weekday: 5,
    startMin: 840,
    endMin: 930,
    fromDaysAgo: 20,
    toDaysAhead: 22,
    named: [3, 8],
    anonymous: [0, 3],
    topics: ['Screening and check-ins', 'Buddy systems', 'Online safety', 'Bad date reports'],
  },
];

/** Statutory holidays in British Columbia the program closes on. */
const CLOSED_DAYS = [
  ['2026-09-07', 'Labour Day'],
  ['2026-09-30', 'National Day for Truth and Reconciliation'],
  ['2026-10-12', 'Thanksgiving'],
  ['2026-11-11', 'Remembrance Day'],
  ['2026-12-25', 'Christmas Day'],
  ['2026-12-26', 'Boxing Day'],
  ['2027-01-01', "New Year's Day"],
] as const;

const dateOf = (day: string) => new Date(`${day}T00:00:00Z`);

function attendanceFor(random: Random, p: DemoProgram, sessionId: string, regulars: string[], staff: string[]): Prisma.AttendanceCreateManyInput[] {
  const people = random.shuffle(regulars).slice(0, random.int(...p.named));
  return people.map((participantId) => ({ sessionId, participantId, createdById: random.pick(staff) }));
}

export async function seedPrograms(db: PrismaClient, now = programNow()): Promise<void> {
  const random = createRandom(SEED);
  const today = localDay(now);
  const staff = (
    await db.staffUser.findMany({ where: { role: { in: ['peer', 'coordinator', 'manager'] } }, select: { id: true }, orderBy: { email: 'asc' } })
  ).map((s) => s.id);
  const pool = (
    await db.participant.findMany({ where: { deidentifiedAt: null, mergedIntoId: null }, select: { id: true }, orderBy: { code: 'asc' }, take: 80 })
  ).map((p) => p.id);
  await db.programClosedDay.createMany({ data: CLOSED_DAYS.map(([day, reason]) => ({ day: dateOf(day), reason })) });
  const closed = new Set<string>(CLOSED_DAYS.map(([d]) => d));
  const attendance: Prisma.AttendanceCreateManyInput[] = [];
  for (const p of PROGRAMS) {
    const r = random.fork(p.name);
    const schedule: Schedule = { ...p, activeFrom: addDays(today, -p.fromDaysAgo), activeTo: p.toDaysAhead === null ? null : addDays(today, p.toDaysAhead) };
    const { id } = await db.program.create({
      data: {
        name: p.name,
        description: p.description,
        partner: p.partner,
        frequency: p.frequency,
        weekday: p.weekday,
        startMin: p.startMin,
        endMin: p.endMin,
        activeFrom: dateOf(schedule.activeFrom),
        activeTo: schedule.activeTo ? dateOf(schedule.activeTo) : null,
      },
      select: { id: true },
    });
    const planned = plannedSessions(schedule, schedule.activeFrom, addDays(today, GENERATE_WEEKS * 7), closed);
    // Each program's current session (the latest starting by half an hour from now) is left for the desk.
    const started = planned.filter((s) => s.startsAt.getTime() <= now.getTime() + CURRENT_LEAD_MINUTES * 60_000);
    const regulars = r.shuffle(pool).slice(0, 30);
    for (const [i, s] of planned.entries()) {
      const past = i < started.length - 1;
      const cancel = (past && r.chance(0.06)) || (!past && i === started.length + 2 && p.name === 'Thursday lunch');
      const session = await db.programSession.create({
        data: {
          programId: id,
          scheduledFor: s.scheduledFor,
          startsAt: s.startsAt,
          endsAt: s.endsAt,
          status: cancel ? 'cancelled' : past ? 'held' : 'scheduled',
          ...(cancel ? { cancelReason: p.partner ? 'Partner away' : 'Facilitator away', cancelledAt: new Date(s.startsAt.getTime() - 86_400_000) } : {}),
          ...(past && !cancel
            ? { anonymousCount: r.int(...p.anonymous), partnerPresent: p.partner !== null && r.chance(0.9), topics: p.topics.length ? r.pick(p.topics) : null }
            : {}),
        },
        select: { id: true },
      });
      if (past && !cancel) attendance.push(...attendanceFor(r, p, session.id, regulars, staff));
    }
  }
  await db.attendance.createMany({ data: attendance });
}
