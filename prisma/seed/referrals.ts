import type { PrismaClient } from '../../lib/db/generated/client.ts';
import { createRandom, type Random } from './generate/random.ts';
import { encryptField } from '../../lib/crypto/fields.ts';
import type { Reason } from '../../lib/referrals/rules.ts';
import { DEMO_AGENCIES } from './agencies.ts';
import { addDays, atLocal, localDay, programNow } from '../../lib/calendar/index.ts';

// Demo referrals: the Kamloops agencies, and about fifty referrals over the last eight weeks in
// every status, each with its history, and several open ones whose follow-up is due today or
// overdue. Deterministic: the same seed and day give the same referrals.

const SEED = 'lantern-demo-referrals-1';
const COUNT = 50;
/** What referrals to each kind of agency are for, with the words staff might add (kept encrypted). */
const REASONS: Record<string, [Reason, string][]> = {
  health: [
    ['health', 'Wants a check-up'],
    ['health', 'Wound care'],
    ['substance_use', 'Asked about detox'],
  ],
  sexual_health: [
    ['sexual_health', 'STI testing'],
    ['sexual_health', 'Contraception'],
  ],
  mental_health: [
    ['mental_health', 'Wants to talk to a counsellor'],
    ['substance_use', 'Wants to cut down'],
  ],
  legal_advocacy: [
    ['legal', 'Court date coming up'],
    ['legal', 'Wants to know their rights'],
    ['id_documents', 'Lost ID'],
  ],
  shelters: [
    ['housing', 'Needs a bed tonight'],
    ['safety', 'Not safe at home'],
  ],
  housing: [
    ['housing', 'Looking for housing'],
    ['income_benefits', 'Rent help'],
  ],
  employment_training: [
    ['work_training', 'Job search help'],
    ['work_training', 'Wants a course'],
    ['income_benefits', 'Income assistance forms'],
  ],
  culturally_safe: [['culture_community', 'Wants an Elder to talk to']],
  crisis_lines: [
    ['safety', 'Number for nights'],
    ['mental_health', 'Number for nights'],
  ],
  transitioning_support: [['career_change', 'Thinking about a career change']],
};
type Step = 'connected' | 'completed' | 'declined_by_person' | 'declined_by_agency' | 'no_response' | 'closed';
/** The paths referrals took, by how often (made alone is the rest). */
const PATHS: [Step[], number][] = [
  [[], 22],
  [['connected'], 16],
  [['connected', 'completed'], 24],
  [['declined_by_person'], 8],
  [['declined_by_agency'], 6],
  [['no_response'], 8],
  [['no_response', 'closed'], 6],
  [['connected', 'closed'], 5],
  [['closed'], 5],
];

type Ctx = { db: PrismaClient; random: Random; today: string; staff: string[]; people: string[]; agencies: { id: string; categories: string[] }[] };

async function oneReferral(ctx: Ctx, i: number, canEncrypt: boolean): Promise<void> {
  const { db, random, today } = ctx;
  const agency = random.pick(ctx.agencies);
  const category = random.pick(agency.categories);
  // The first six: open and due. The next few: one of each path, old enough to have run its course.
  const forced = i >= 6 && i < 6 + PATHS.length ? PATHS[i - 6]![0] : null;
  const age = i < 6 ? random.int(7, 12) : forced ? random.int(30, 56) : random.int(0, 56);
  const referredOn = addDays(today, -age);
  const path = i < 6 ? [] : (forced ?? random.weighted(PATHS));
  const person = random.chance(0.15) ? null : random.pick(ctx.people);
  const consent = person
    ? random.weighted([
        ['nothing', 4],
        ['alias_only', 4],
        ['summary', 2],
      ] as const)
    : random.weighted([
        ['nothing', 3],
        ['summary', 1],
      ] as const);
  const by = random.pick(ctx.staff);
  const madeAt = atLocal(referredOn, random.int(600, 960));
  const id = random.uuid();
  const [reasonCategory, words] = random.pick(REASONS[category]!);
  // About half carry a few words beside the choice; encrypted, so only with a key.
  const detail = random.chance(0.5) && canEncrypt ? encryptField(words, `referral:${id}:reason_detail`) : null;
  await db.referral.create({
    data: {
      id,
      participantId: person,
      agencyId: agency.id,
      category: category as never,
      reasonCategory,
      reasonDetailEnc: detail,
      referredOn: new Date(`${referredOn}T00:00:00Z`),
      followUpOn: new Date(`${addDays(referredOn, 7)}T00:00:00Z`),
      staffId: by,
      consent,
      summaryEnc:
        consent === 'summary' && canEncrypt
          ? encryptField('Agreed with the person: first name only, best reached at the drop-in.', `referral:${id}:summary`)
          : null,
      consentById: consent === 'nothing' ? null : by,
      consentAt: consent === 'nothing' ? null : madeAt,
      status: 'made',
      statusById: by,
      statusAt: madeAt,
      idempotencyKey: random.uuid(),
      createdAt: madeAt,
    },
    select: { id: true },
  });
  let day = referredOn;
  let last: Step | 'made' = 'made';
  for (const step of path) {
    day = addDays(day, random.int(1, 9));
    if (day > today) break;
    const at = atLocal(day, random.int(600, 960));
    await db.referral.update({
      where: { id },
      data: {
        status: step,
        statusById: random.pick(ctx.staff),
        statusAt: at,
        ...(step === 'connected' ? { connectedOn: new Date(`${day}T00:00:00Z`) } : {}),
      },
      select: { id: true },
    });
    last = step;
  }
  // Staff followed up on the older open ones and set a new date; only the first six are due now.
  if (i >= 6 && (last === 'made' || last === 'connected' || last === 'no_response')) {
    await db.referral.update({ where: { id }, data: { followUpOn: new Date(`${addDays(today, random.int(1, 10))}T00:00:00Z`) }, select: { id: true } });
  }
}

export async function seedReferrals(db: PrismaClient, now = programNow()): Promise<void> {
  const random = createRandom(SEED);
  await db.agency.createMany({ data: DEMO_AGENCIES });
  const agencies = await db.agency.findMany({ select: { id: true, categories: true }, orderBy: { name: 'asc' } });
  const staff = (
    await db.staffUser.findMany({ where: { role: { in: ['coordinator', 'outreach', 'manager'] } }, select: { id: true }, orderBy: { email: 'asc' } })
  ).map((s) => s.id);
  const people = (
    await db.participant.findMany({ where: { deidentifiedAt: null, mergedIntoId: null }, select: { id: true }, orderBy: { code: 'asc' }, take: 80 })
  ).map((p) => p.id);
  const ctx: Ctx = { db, random, today: localDay(now), staff, people, agencies };
  const canEncrypt = !!process.env.ENCRYPTION_KEY;
  for (let i = 0; i < COUNT; i++) await oneReferral(ctx, i, canEncrypt);
}
