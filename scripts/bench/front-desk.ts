import { measure } from './measure.ts';
import { searchQueries, visitInputs, type Person, type ServiceTypeRef } from '../../prisma/seed/generate/inputs.ts';
import { createRandom } from '../../prisma/seed/generate/random.ts';
import type { Scenario } from './scenario.ts';
import type { BenchContext } from './context.ts';
import { DATASET } from './dataset.ts';
import { timeToFirstByte } from './http.ts';

// Issue 3's speed targets (front desk), on 50,000 participants and 1,000,000 visits.

async function people(ctx: BenchContext): Promise<Person[]> {
  const { rows } = await ctx.sql.query<Person>('SELECT id, alias, code FROM participant WHERE alias IS NOT NULL AND merged_into_id IS NULL ORDER BY id');
  return rows;
}

const search: Scenario<BenchContext> = {
  name: 'alias/code search, server time',
  targetP95Ms: 30,
  async run(ctx) {
    const { searchParticipants } = await import('../../lib/participants/search.ts');
    const actor = await ctx.actor();
    const queries = searchQueries(createRandom(DATASET.seed).fork('search'), await people(ctx), 520);
    // The first 20 warm up (connections, query plans) and are not counted.
    await measure(20, 1, (i) => searchParticipants(actor, queries[i]!));
    return measure(500, 1, (i) => searchParticipants(actor, queries[20 + i]!));
  },
};

const saveVisit: Scenario<BenchContext> = {
  name: 'save a visit, 20 clients at once',
  targetP95Ms: 50,
  async run(ctx) {
    const { logVisit } = await import('../../lib/visits/mutations.ts');
    const actor = await ctx.actor();
    const { rows: types } = await ctx.sql.query<ServiceTypeRef>('SELECT id, kind FROM service_type WHERE active ORDER BY sort_order, id');
    const inputs = visitInputs(createRandom(DATASET.seed).fork('visits'), await people(ctx), types, 1040);
    const save = async (i: number) => {
      const { duplicate } = await logVisit(actor, inputs[i]!);
      if (duplicate) throw new Error('a fresh idempotency key came back as a duplicate');
    };
    await measure(40, 20, save);
    return measure(1000, 20, (i) => save(40 + i));
  },
};

/** 200 GETs of a page (after 10 to warm up), one at a time or several at once, timed to the first byte. */
function page(name: string, path: string, concurrency: number): Scenario<BenchContext> {
  return {
    name: `${name}, TTFB, ${concurrency === 1 ? 'one at a time' : `${concurrency} at once`}`,
    targetP95Ms: 150,
    async run(ctx) {
      const { baseUrl, cookie } = await ctx.app();
      await measure(10, concurrency, () => timeToFirstByte(baseUrl, path, cookie));
      return measure(200, concurrency, () => timeToFirstByte(baseUrl, path, cookie));
    },
  };
}

// Pages come before saving visits, so the Today page shows an ordinary day, not 1,000 extra visits.
export const frontDeskScenarios: Scenario<BenchContext>[] = [
  search,
  ...(
    [
      ['Today page', '/'],
      ['participants list p.1', '/participants'],
      ['participants list p.500', '/participants?page=500'],
    ] as const
  ).flatMap(([name, path]) => [page(name, path, 1), page(name, path, 4)]),
  saveVisit,
];
