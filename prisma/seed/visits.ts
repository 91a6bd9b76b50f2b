import type { PrismaClient } from '../../lib/db/generated/client.ts';
import { dayPlan } from './generate/day-plan.ts';
import { createRandom, hash32 } from './generate/random.ts';
import { insertVisits, PARTICIPANT_STATS_SQL, VISIT_TRIGGER_OFF_SQL, VISIT_TRIGGER_ON_SQL } from './generate/visit-sql.ts';
import { DEMO_DAYS, DEMO_SEED, prismaExec, staffIds } from './participants.ts';
import { programNow } from '../../lib/calendar/index.ts';
import { sealFreeText } from '../../lib/privacy/seal.ts';

// Demo drop-in visits: about five months up to now, closed Sundays, busiest mid-week mornings,
// 25 to 45 visits a day (regulars and occasional visitors, about 15% anonymous), services and
// supplies from the default types, a few voided with a reason, and today's visits so far so the
// Today page has people on it. Loaded set-based (prisma/seed/generate/visit-sql.ts) to stay quick on the
// embedded database.

export async function seedVisits(db: PrismaClient, now = programNow()): Promise<void> {
  const plan = dayPlan(createRandom(DEMO_SEED).fork('days'), { now, days: DEMO_DAYS });
  const desk = await staffIds(db, ['peer', 'coordinator', 'outreach', 'manager']);
  // One transaction: the visit trigger is off only inside it, and a failed load leaves nothing.
  await db.$transaction(
    async (tx) => {
      const exec = prismaExec(tx);
      await exec(VISIT_TRIGGER_OFF_SQL);
      await insertVisits(exec, plan, { seed: hash32(DEMO_SEED), namespace: DEMO_SEED, staffIds: desk, now });
      await exec(PARTICIPANT_STATS_SQL);
      await exec(VISIT_TRIGGER_ON_SQL);
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
  // Void reasons are parked in clear by the SQL load; encrypt them now, or (no key) keep no words.
  if (process.env.ENCRYPTION_KEY) await sealFreeText(db);
  else await db.$executeRawUnsafe(`DELETE FROM free_text_to_seal WHERE table_name = 'visit'`);
  // Fresh statistics, so the planner uses the indexes from the first page view.
  await db.$executeRawUnsafe('ANALYZE participant, visit, visit_service');
}
