import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { measure } from './measure.ts';
import type { Scenario } from './scenario.ts';
import { daySlots, type SlotResource } from '../../lib/bookings/slots.ts';
import { buildApp, startApp } from './app.ts';
import type { BenchContext } from './context.ts';
import { signIn } from './http.ts';
import { addDays, localDay } from '../../lib/calendar/index.ts';

// Issue 4's targets (showers and laundry). The scenarios book on resources of their own, open round
// the clock, on tomorrow's slots (always bookable whatever time the benchmark runs); each run first
// removes the previous run's bookings on them, and leaves them out of use when done, so the other
// scenarios' pages show the program's own resources only.

const LOAD = Array.from({ length: 10 }, (_, i) => `Bench shower ${String(i + 1).padStart(2, '0')}`);
const RACE = { 1: 'Bench race, one place', 2: 'Bench race, two places' } as const;

async function upsertResource(ctx: BenchContext, name: string, capacity: number, slotMinutes: number): Promise<SlotResource> {
  const {
    rows: [r],
  } = await ctx.sql.query<{ id: string }>(
    `INSERT INTO resource (id, kind, name, capacity, slot_minutes, active, sort_order, updated_at) VALUES ($1, 'shower', $2, $3, $4, true, 9000, now())
     ON CONFLICT (name) DO UPDATE SET active = true, updated_at = now() RETURNING id`,
    [randomUUID(), name, capacity, slotMinutes],
  );
  await ctx.sql.query(
    `INSERT INTO resource_hours (resource_id, weekday, opens_min, closes_min) SELECT $1, d, 0, 1440 FROM generate_series(1, 7) d ON CONFLICT DO NOTHING`,
    [r!.id],
  );
  return {
    id: r!.id,
    name,
    kind: 'shower',
    capacity,
    slotMinutes,
    active: true,
    hours: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opensMin: 0, closesMin: 1440 })),
  };
}

/** Bookings are never deleted in the app: the trigger that refuses it is off for this transaction only. */
async function clearBookings(ctx: BenchContext, resourceIds: string[]): Promise<void> {
  await ctx.sql.query('BEGIN');
  try {
    await ctx.sql.query('ALTER TABLE booking DISABLE TRIGGER booking_no_delete');
    await ctx.sql.query('DELETE FROM booking WHERE resource_id = ANY($1::uuid[])', [resourceIds]);
    await ctx.sql.query('ALTER TABLE booking ENABLE TRIGGER booking_no_delete');
    await ctx.sql.query('COMMIT');
  } catch (error) {
    await ctx.sql.query('ROLLBACK');
    throw error;
  }
}

async function retire(ctx: BenchContext, resourceIds: string[]): Promise<void> {
  await ctx.sql.query('UPDATE resource SET active = false WHERE id = ANY($1::uuid[])', [resourceIds]);
}

const bookSlot: Scenario<BenchContext> = {
  name: 'book a slot, 20 clients at once, server time',
  targetP95Ms: 50,
  async run(ctx) {
    const { bookSlot: book } = await import('../../lib/bookings/book.ts');
    const actor = await ctx.actor();
    const resources = [];
    for (const name of LOAD) resources.push(await upsertResource(ctx, name, 4, 10));
    const ids = resources.map((r) => r.id);
    await clearBookings(ctx, ids);
    let restore = async (): Promise<unknown> => undefined;
    try {
      const day = addDays(localDay(new Date()), 1);
      const slots = resources.map((r) => daySlots(r, day));
      // A different person each time (the daily limit), one slot per booking: what is measured
      // is the booking itself, with the desk's real contention on the day's ticket numbers.
      const { rows: people } = await ctx.sql.query<{ id: string; last: Date }>(
        `SELECT id, last_activity_at AS last FROM participant WHERE alias IS NOT NULL AND merged_into_id IS NULL AND deidentified_at IS NULL ORDER BY id LIMIT 1040`,
      );
      // A booking counts as activity; the kept dataset gets its people's last activity back afterwards.
      restore = () =>
        ctx.sql.query(`UPDATE participant p SET last_activity_at = s.last FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, last) WHERE p.id = s.id`, [
          people.map((p) => p.id),
          people.map((p) => p.last),
        ]);
      const input = (i: number) => ({
        idempotencyKey: randomUUID(),
        resourceId: ids[i % ids.length],
        participantId: people[i]!.id,
        slotStart: slots[i % ids.length]![Math.floor(i / ids.length)]!.start.toISOString(),
      });
      const call = async (i: number) => {
        const r = await book(actor, input(i));
        if (r.duplicate) throw new Error('a fresh idempotency key came back as a duplicate');
      };
      await measure(40, 20, call);
      return await measure(1000, 20, (i) => call(40 + i));
    } finally {
      await restore();
      await retire(ctx, ids);
    }
  },
};

/** deskBookAction's id in the built app: a Server Action is POSTed with its id in the Next-Action header. */
function deskBookActionId(appDir: string): string {
  const manifest = JSON.parse(readFileSync(path.join(appDir, '.next/server/server-reference-manifest.json'), 'utf8')) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === 'deskBookAction' && v.filename?.endsWith('app/(staff)/bookings/actions.ts'));
  if (!found) throw new Error('deskBookAction is not in the build');
  return found[0];
}

type Outcome = 'booked' | 'taken' | 'other';

/** One booking through HTTP, as the booking panel sends it (React's encoding of (prevState, formData)). */
async function postBooking(baseUrl: string, cookie: string, actionId: string, fields: Record<string, string>): Promise<{ outcome: Outcome; ms: number }> {
  // The form's fields first, then the root: the server resolves the FormData argument from the
  // entries that came before the root part.
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.set(`_1_${k}`, v);
  body.set('0', '[null,"$K1"]');
  const started = performance.now();
  const res = await fetch(`${baseUrl}/bookings`, {
    method: 'POST',
    headers: { cookie, 'Next-Action': actionId, Accept: 'text/x-component', Origin: baseUrl },
    body,
  });
  const text = await res.text();
  const ms = performance.now() - started;
  // The action's answer is one line of the React payload: {"ok":true,…} or {"ok":false,"formError":…}.
  const answer = /"ok":(true|false)(,"formError":"([^"]*)")?/.exec(text);
  if (res.status === 200 && answer?.[1] === 'true') return { outcome: 'booked', ms };
  if (res.status === 200 && answer?.[3]?.includes('just taken')) return { outcome: 'taken', ms };
  return { outcome: 'other', ms };
}

function race(capacity: 1 | 2): Scenario<BenchContext> {
  return {
    name: `200 bookings of one slot (${capacity} place${capacity > 1 ? 's' : ''}) at once, HTTP, two app instances`,
    // What must hold is the count (exactly `capacity` booked, the rest told "taken": otherwise the
    // scenario fails); the time is each request's, through two apps that re-render the page.
    targetP95Ms: 10_000,
    async run(ctx) {
      const first = await ctx.app();
      const dir = await buildApp(ctx.root, ctx.log);
      const second = await startApp(dir, process.env.DATABASE_URL!);
      const resource = await upsertResource(ctx, RACE[capacity], capacity, 30);
      await clearBookings(ctx, [resource.id]);
      try {
        const apps = [first, { baseUrl: second.baseUrl, cookie: await signIn(second.baseUrl, ctx.runner.email, ctx.runner.password) }];
        const actionId = deskBookActionId(dir);
        const slotStart = daySlots(resource, addDays(localDay(new Date()), 1))[20]!.start.toISOString();
        const results = await Promise.all(
          Array.from({ length: 200 }, (_, i) => {
            const app = apps[i % 2]!;
            return postBooking(app.baseUrl, app.cookie, actionId, {
              idempotencyKey: randomUUID(),
              participantId: 'anonymous',
              resourceId: resource.id,
              slotStart,
              mode: 'slot',
            });
          }),
        );
        const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
        const {
          rows: [held],
        } = await ctx.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM booking WHERE resource_id = $1 AND status IN ('booked', 'checked_in')`, [
          resource.id,
        ]);
        ctx.log(
          `race, capacity ${capacity}: ${count('booked')} booked, ${count('taken')} told "just taken", ${count('other')} other answers; ${held!.n} place(s) held in the database`,
        );
        if (count('booked') !== capacity || held!.n !== capacity || count('other') > 0) {
          throw new Error(
            `expected exactly ${capacity} booked and the rest "taken"; got ${count('booked')} booked, ${count('taken')} taken, ${count('other')} other`,
          );
        }
        return results.map((r) => r.ms);
      } finally {
        await second.stop();
        await retire(ctx, [resource.id]);
      }
    },
  };
}

export const bookingScenarios: Scenario<BenchContext>[] = [bookSlot, race(1), race(2)];
