import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { startDbProxy, type DbProxy } from '@/e2e/db-proxy.ts';
import { createDb } from '@/lib/db/create.ts';
import { db, getDb } from '@/lib/db/client.ts';
import type { PrismaClient } from '@/lib/db/generated/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { isDatabaseUnreachable, isUniqueViolation } from './errors.ts';
import { logVisit } from './visits/mutations.ts';

// A database that stops answering, for real: the client talks to PostgreSQL through a TCP proxy
// the test cuts. Whatever shape the outage takes (refused, reset mid-query, answer lost after the
// commit), isDatabaseUnreachable says so, and a refusal or a bug is not mistaken for one.

const app = globalThis as unknown as { lanternDb?: PrismaClient };
let proxy: DbProxy | undefined;
let client: PrismaClient | undefined;
let direct: PrismaClient | undefined;

afterEach(async () => {
  if (direct) app.lanternDb = direct;
  direct = undefined;
  await client?.$disconnect().catch(() => {});
  await proxy?.close();
  client = proxy = undefined;
});

async function throughProxy(): Promise<PrismaClient> {
  proxy = await startDbProxy(process.env.DATABASE_URL!);
  client = createDb(proxy.url, 2);
  return client;
}

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('it answered');
    },
    (e: unknown) => e,
  );

describe('a database that does not answer', () => {
  it('is told apart from a refusal: connections refused, and one cut in the middle of a query', async () => {
    const c = await throughProxy();
    expect(await c.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    // A refusal and a bug are not outages.
    const duplicate = await failure(
      c.$transaction(async (tx) => {
        // ON COMMIT DROP: the embedded database refuses temporary tables that would outlive the transaction.
        await tx.$executeRaw`CREATE TEMP TABLE t (k int PRIMARY KEY) ON COMMIT DROP`;
        await tx.$executeRaw`INSERT INTO t VALUES (1), (1)`;
      }),
    );
    expect(isUniqueViolation(duplicate)).toBe(true);
    expect(isDatabaseUnreachable(duplicate)).toBe(false);
    expect(isDatabaseUnreachable(await failure(c.$queryRaw`SELECT nonsense FROM nowhere`))).toBe(false);
    expect(isDatabaseUnreachable(new Error('a bug'))).toBe(false);

    // Cut while a query is running: the connection is reset under it.
    const slow = failure(c.$queryRaw`SELECT pg_sleep(2)`);
    await new Promise((r) => setTimeout(r, 300));
    proxy!.cut();
    expect(isDatabaseUnreachable(await slow)).toBe(true);
    // Still cut: every new connection is refused.
    expect(isDatabaseUnreachable(await failure(c.$queryRaw`SELECT 1`))).toBe(true);

    proxy!.open();
    await expect.poll(() => c.$queryRaw`SELECT 1 AS one`.catch(() => null), { timeout: 10_000 }).toEqual([{ one: 1 }]);
  });

  it('loses the answer after the visit committed: the retry with the same key returns that visit, and there is one', async () => {
    const desk = await makeActor('coordinator');
    const c = await throughProxy();
    direct = getDb();
    app.lanternDb = c;
    const input = { idempotencyKey: randomUUID(), participantId: null, services: [] };

    const sprung = proxy!.cutAfterAnswerMatching('visitId');
    const lost = await failure(logVisit(desk, input));
    await sprung;
    expect(isDatabaseUnreachable(lost)).toBe(true);
    const stored = await direct!.visit.findMany({ where: { idempotencyKey: input.idempotencyKey }, select: { id: true } });
    expect(stored).toHaveLength(1);

    proxy!.open();
    const again = await logVisit(desk, input);
    expect(again).toEqual({ visitId: stored[0]!.id, duplicate: true });
    expect(await db.visit.count({ where: { idempotencyKey: input.idempotencyKey } })).toBe(1);
  });
});
