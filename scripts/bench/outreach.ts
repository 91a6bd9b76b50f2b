import { randomUUID } from 'node:crypto';
import { measure } from './measure.ts';
import { createRandom } from '../../prisma/seed/generate/random.ts';
import type { Scenario } from './scenario.ts';
import type { BenchContext } from './context.ts';
import { DATASET } from './dataset.ts';
import { benchManager, REPORT_PERIOD } from './reports.ts';

// Issue 20's targets (outreach), on the dataset's two years of outreach (about 3,000 shifts and
// 60,000 contacts): adding a contact p95 ≤ 50 ms with 20 clients at once; a phone back online
// with 200 waiting entries has them all stored in ≤ 10 s; the report's outreach section adds
// ≤ 100 ms to the 12-month report. The runner (a coordinator) logs outreach.

type Row = { id: string };

/** What a contact form sends: a person (six in ten) or an anonymous group, one kind, a supply now and then. */
function contactInputs(seed: string, shiftId: string, people: Row[], kinds: Row[], supplies: Row[], count: number) {
  const random = createRandom(DATASET.seed).fork(seed);
  return Array.from({ length: count }, () => {
    const named = random.next() < 0.6;
    return {
      id: random.uuid(),
      shiftId,
      participantId: named ? random.pick(people).id : null,
      peopleCount: named ? 1 : random.int(1, 3),
      isNew: random.next() < 0.15,
      kindIds: [random.pick(kinds).id],
      supplies: random.next() < 0.33 ? [{ serviceTypeId: random.pick(supplies).id, quantity: random.int(1, 5), forOthers: random.int(0, 2) }] : [],
    };
  });
}

async function lists(ctx: BenchContext) {
  const q = (sql: string) => ctx.sql.query<Row>(sql).then((r) => r.rows);
  return {
    people: await q('SELECT id FROM participant WHERE alias IS NOT NULL AND merged_into_id IS NULL AND deidentified_at IS NULL ORDER BY id LIMIT 5000'),
    zones: await q(`SELECT id FROM outreach_option WHERE list = 'zone' AND active ORDER BY sort_order, id`),
    kinds: await q(`SELECT id FROM outreach_option WHERE list = 'contact_kind' AND active ORDER BY sort_order, id`),
    supplies: await q(`SELECT id FROM service_type WHERE kind = 'supply' AND active ORDER BY sort_order, id`),
  };
}

const addContact: Scenario<BenchContext> = {
  name: 'add an outreach contact, 20 clients at once',
  targetP95Ms: 50,
  async run(ctx) {
    const { startShift, endShift } = await import('../../lib/outreach/shifts.ts');
    const { addContact: add } = await import('../../lib/outreach/contacts.ts');
    const actor = await ctx.actor();
    const { people, zones, kinds, supplies } = await lists(ctx);
    // Twenty phones, each on its own shift (as twenty workers would be), adding contacts at once.
    const shifts = Array.from({ length: 20 }, () => randomUUID());
    for (const [i, id] of shifts.entries()) await startShift(actor, { id, mode: 'street', zoneId: zones[i % zones.length]!.id });
    const inputs = shifts.map((id) => contactInputs(`contacts:${id}`, id, people, kinds, supplies, 52));
    const save = async (i: number) => {
      const { duplicate } = await add(actor, inputs[i % 20]![Math.floor(i / 20)]);
      if (duplicate) throw new Error('a fresh contact id came back as a duplicate');
    };
    try {
      await measure(40, 20, save);
      return await measure(1000, 20, (i) => save(40 + i));
    } finally {
      for (const shiftId of shifts) await endShift(actor, { shiftId });
    }
  },
};

/** Posts one sealed entry as the phone's queue does, and fails on anything but "stored". */
async function post(baseUrl: string, cookie: string, entry: unknown): Promise<void> {
  const response = await fetch(`${baseUrl}/api/outreach/entries`, {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json', origin: baseUrl },
    body: JSON.stringify(entry),
  });
  const body = (await response.json()) as { ok?: boolean; duplicate?: boolean; message?: string };
  if (!response.ok || !body.ok || body.duplicate) throw new Error(`an entry was not stored: ${response.status} ${body.message ?? ''}`);
}

const backOnline: Scenario<BenchContext> = {
  name: 'outreach queue back online: 200 sealed entries sent in order, HTTP',
  targetP95Ms: 10_000,
  async run(ctx) {
    const { baseUrl, cookie } = await ctx.app();
    const { outboxKey } = await import('../../lib/outreach/outbox-key.ts');
    const { seal } = await import('../../lib/outreach/seal.ts');
    // The phone seals each entry when it is made, to its session's public key: not timed here.
    const { kid, publicKey } = await outboxKey(await ctx.actor());
    const { people, zones, kinds, supplies } = await lists(ctx);
    // One queue: a shift started, 198 contacts, the shift ended, sealed as the phone seals them.
    const queue = async (round: number) => {
      const shiftId = randomUUID();
      const startedAt = new Date(Date.now() - 60_000).toISOString();
      const entries = [
        { type: 'shift.start', payload: { id: shiftId, mode: 'street', zoneId: zones[round % zones.length]!.id, startedAt } },
        ...contactInputs(`queue:${round}`, shiftId, people, kinds, supplies, 198).map((payload) => ({ type: 'contact.add', payload })),
        { type: 'shift.end', payload: { shiftId } },
      ];
      return Promise.all(entries.map(async (entry) => ({ sealed: await seal(entry, publicKey, kid) })));
    };
    const queues = await Promise.all(Array.from({ length: 6 }, (_, round) => queue(round)));
    // Sent one after another, each only once the last is stored, as the phone's queue sends them.
    const send = async (round: number) => {
      for (const entry of queues[round]!) await post(baseUrl, cookie, entry);
    };
    await measure(1, 1, () => send(0));
    return measure(5, 1, (i) => send(1 + i));
  },
};

const reportSection: Scenario<BenchContext> = {
  name: 'outreach section of the 12-month report, in-process',
  targetP95Ms: 100,
  async run(ctx) {
    const { reportSections } = await import('../../lib/reports/build.ts');
    const { parsePeriod } = await import('../../lib/calendar/period.ts');
    const { actor } = await benchManager(ctx);
    const period = parsePeriod(REPORT_PERIOD).period!;
    const once = () => reportSections(actor, period, ['outreach']);
    await measure(2, 1, once);
    return measure(20, 1, once);
  },
};

export const outreachScenarios: Scenario<BenchContext>[] = [addContact, backOnline, reportSection];
