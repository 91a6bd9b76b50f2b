import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase, type EmbeddedDatabase } from './embedded.ts';
import * as wire from './embedded-protocol.ts';
import { createDb } from './create.ts';

// The embedded server multiplexes many clients onto PGlite's single backend. These tests fire
// concurrent, interleaving work and check every single result: a batch or a transaction that
// leaked into another client's session would show up as a wrong row, count or error.
describe('embedded database', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lantern-embedded-'));
  const logs: string[] = [];
  let db: EmbeddedDatabase;
  const start = () => startEmbeddedDatabase({ dataDir: dir, port: 0, log: (m) => logs.push(m), idleInTransactionTimeoutMs: 3_000 });

  beforeAll(async () => {
    db = await start();
    await query(db.url, 'CREATE TABLE item (id serial PRIMARY KEY, owner text NOT NULL, n int NOT NULL)');
  }, 120_000); // creating a database (initdb in WebAssembly) takes seconds, more on a busy machine
  afterAll(async () => {
    await db?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives many concurrent clients exactly their own results and transactions', async () => {
    const pool = new pg.Pool({ connectionString: db.url, max: 10 });
    const clients = await Promise.all(
      [1, 2, 3].map(async () => {
        const c = new pg.Client({ connectionString: db.url });
        await c.connect();
        return c;
      }),
    );
    const committed = new Map<string, number[]>();
    const rolledBack: string[] = [];
    type Runner = { query: pg.ClientBase['query'] };
    const ns = (k: number) => Array.from({ length: k }, (_, i) => i + 1);

    async function insertAndRead(q: Runner, owner: string, k: number) {
      for (const n of ns(k)) await q.query('INSERT INTO item (owner, n) VALUES ($1, $2)', [owner, n]);
      committed.set(owner, ns(k));
      const { rows } = await q.query('SELECT n FROM item WHERE owner = $1 ORDER BY n', [owner]);
      expect(rows.map((r) => r.n)).toEqual(ns(k));
    }
    async function transaction(c: pg.PoolClient | pg.Client, owner: string, commit: boolean) {
      await c.query('BEGIN');
      await c.query('INSERT INTO item (owner, n) SELECT $1, g FROM generate_series(1, 3) g', [owner]);
      const inside = await c.query('SELECT count(*)::int AS c, txid_current_if_assigned() IS NOT NULL AS tx FROM item WHERE owner = $1', [owner]);
      expect(inside.rows).toEqual([{ c: 3, tx: true }]);
      await c.query('UPDATE item SET n = n * 10 WHERE owner = $1', [owner]);
      await c.query(commit ? 'COMMIT' : 'ROLLBACK');
      if (commit) committed.set(owner, [10, 20, 30]);
      else rolledBack.push(owner);
    }
    async function failedTransaction(c: pg.PoolClient | pg.Client, owner: string) {
      await c.query('BEGIN');
      await c.query('INSERT INTO item (owner, n) VALUES ($1, 1)', [owner]);
      await expect(c.query('SELECT 1 / 0')).rejects.toThrow('division by zero');
      await expect(c.query('SELECT 1')).rejects.toThrow('current transaction is aborted');
      await c.query('ROLLBACK');
      rolledBack.push(owner);
    }
    async function shapes(q: Runner, i: number) {
      const a = await q.query('SELECT $1::int AS i, $2::text AS t, $3::jsonb AS j', [i, `s${i}`, { i }]);
      expect(a.rows).toEqual([{ i, t: `s${i}`, j: { i } }]);
      const b = await q.query('SELECT g, g * $2::int AS m FROM generate_series(1, $1::int) g', [i % 7, i]);
      expect(b.rows).toEqual(ns(i % 7).map((g) => ({ g, m: g * i })));
      const c = await q.query({ text: 'SELECT $1::text AS x, $1::text || $1::text AS y', values: [`v${i}`], rowMode: 'array' });
      expect(c.rows).toEqual([[`v${i}`, `v${i}v${i}`]]);
    }
    async function withPoolClient(fn: (c: pg.PoolClient) => Promise<void>) {
      const c = await pool.connect();
      try {
        await fn(c);
      } finally {
        c.release();
      }
    }

    const work: Promise<void>[] = [];
    for (let i = 0; i < 60; i++) {
      work.push(insertAndRead(pool, `pool-${i}`, 1 + (i % 4)), shapes(pool, i));
      work.push(withPoolClient((c) => transaction(c, `tx-${i}`, i % 3 !== 0)));
      if (i % 5 === 0) work.push(withPoolClient((c) => failedTransaction(c, `fail-${i}`)));
    }
    // Each lone client runs its own sequence (a pg.Client runs one query at a time) alongside the pool.
    work.push(
      ...clients.map(async (client, k) => {
        for (let i = 0; i < 20; i++) {
          await shapes(client, 100 + i);
          if (i % 4 === 0) await transaction(client, `client-${k}-tx-${i}`, i % 8 === 0);
          if (i % 5 === 0) await failedTransaction(client, `client-${k}-fail-${i}`);
        }
      }),
    );
    const results = await Promise.allSettled(work);
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);

    const { rows } = await pool.query('SELECT owner, array_agg(n ORDER BY n) AS ns FROM item GROUP BY owner');
    const stored = new Map(rows.map((r) => [r.owner as string, r.ns as number[]]));
    expect(stored).toEqual(committed);
    for (const owner of rolledBack) expect(stored.has(owner)).toBe(false);
    await Promise.all([pool.end(), ...clients.map((c) => c.end())]);
  }, 60_000);

  it('keeps named prepared statements of different clients apart', async () => {
    const [a, b] = [new pg.Client(db.url), new pg.Client(db.url)];
    await Promise.all([a.connect(), b.connect()]);
    await Promise.all([
      (async () => {
        for (const i of [1, 2, 3]) expect((await a.query({ name: 'q', text: 'SELECT $1::int + 1 AS r', values: [i] })).rows).toEqual([{ r: i + 1 }]);
      })(),
      (async () => {
        for (const i of [1, 2, 3]) expect((await b.query({ name: 'q', text: "SELECT $1::text || '!' AS r", values: [`${i}`] })).rows).toEqual([{ r: `${i}!` }]);
      })(),
    ]);
    await Promise.all([a.end(), b.end()]);
  });

  it('works through Prisma: raw queries alongside interactive transactions', async () => {
    const prisma = createDb(db.url, 5);
    try {
      const tasks = Array.from({ length: 24 }, async (_, i) => {
        if (i % 2) {
          const rows = await prisma.$queryRawUnsafe<{ i: number; t: string }[]>('SELECT $1::int AS i, $2::text AS t', i, `p${i}`);
          expect(rows).toEqual([{ i, t: `p${i}` }]);
          return;
        }
        const owner = `prisma-${i}`;
        const work = prisma.$transaction(
          async (tx) => {
            await tx.$executeRawUnsafe('INSERT INTO item (owner, n) VALUES ($1, 1), ($1, 2)', owner);
            const rows = await tx.$queryRawUnsafe<{ c: number }[]>('SELECT count(*)::int AS c FROM item WHERE owner = $1', owner);
            expect(rows).toEqual([{ c: 2 }]);
            if (i % 4 === 0) throw new Error('roll back');
          },
          { maxWait: 20_000, timeout: 20_000 },
        );
        if (i % 4 === 0) await expect(work).rejects.toThrow('roll back');
        else await work;
        const rows = await prisma.$queryRawUnsafe<{ c: number }[]>('SELECT count(*)::int AS c FROM item WHERE owner = $1', owner);
        expect(rows).toEqual([{ c: i % 4 === 0 ? 0 : 2 }]);
      });
      await Promise.all(tasks);
    } finally {
      await prisma.$disconnect();
    }
  }, 60_000);

  it('rolls back the transaction of a client that disconnects or terminates in it', async () => {
    for (const leave of ['destroy', 'end'] as const) {
      const c = new pg.Client(db.url);
      await c.connect();
      c.on('error', () => {});
      await c.query('BEGIN');
      await c.query("INSERT INTO item (owner, n) VALUES ('gone', 1)");
      if (leave === 'end')
        await c.end(); // sends Terminate
      else (c as unknown as { connection: { stream: net.Socket } }).connection.stream.destroy();
      expect(await query(db.url, "SELECT count(*)::int AS c FROM item WHERE owner = 'gone'")).toEqual([{ c: 0 }]);
    }
  });

  it('rolls back and disconnects a client idle in a transaction, unblocking the others', async () => {
    const idle = new pg.Client(db.url);
    await idle.connect();
    const lost = new Promise<Error>((resolve) => idle.on('error', resolve));
    await idle.query('BEGIN');
    await idle.query("INSERT INTO item (owner, n) VALUES ('idle', 1)");
    const started = Date.now();
    // Waits for the idle transaction to be cut off (after 3 s here), then sees none of its rows.
    expect(await query(db.url, "SELECT count(*)::int AS c FROM item WHERE owner = 'idle'")).toEqual([{ c: 0 }]);
    expect(Date.now() - started).toBeGreaterThan(2_000);
    expect((await lost).message).toMatch(/idle-in-transaction timeout/);
    expect(logs.some((l) => /idle in a transaction .* rolled it back and disconnected it/.test(l))).toBe(true);
  });

  it('accepts COPY FROM STDIN (PGlite needs the data in the same call as the query)', async () => {
    const out = await rawSession(db.url, [
      wire.query('COPY item (owner, n) FROM STDIN'),
      Buffer.concat([wire.message('d', Buffer.from('copied\t1\ncopied\t2\n')), wire.message('c')]),
    ]);
    expect(out.map((m) => m[0])).toEqual(['G', 'C', 'Z']);
    expect(out[1]).toBe('C:COPY 2');
    const failed = await rawSession(db.url, [wire.query('COPY item (owner, n) FROM STDIN'), wire.message('f', Buffer.from('stop\0'))]);
    expect(failed.map((m) => m[0])).toEqual(['G', 'E', 'Z']);
    // Over the extended protocol it is refused with an error instead of stopping PGlite.
    const c = new pg.Client(db.url);
    await c.connect();
    await expect(c.query({ text: 'COPY item (owner, n) FROM STDIN', queryMode: 'extended' } as pg.QueryConfig)).rejects.toThrow(/only as a simple query/);
    await c.end();
    expect(await query(db.url, "SELECT count(*)::int AS c FROM item WHERE owner = 'copied'")).toEqual([{ c: 2 }]);
  });

  it('refuses a second server on the same directory, replaces a stale lock, and persists data', async () => {
    await expect(start()).rejects.toThrow(/^the embedded database in .* is in use by process \d+$/);
    await db.close();
    const dead = spawnSync(process.execPath, ['-e', '']).pid!; // a pid that no longer runs
    writeFileSync(path.join(dir, 'lantern.pid'), `${dead}\n`);
    db = await start();
    expect(await query(db.url, "SELECT count(*)::int AS c FROM item WHERE owner = 'copied'")).toEqual([{ c: 2 }]);
  }, 60_000);
});

async function query(url: string, sql: string) {
  const c = new pg.Client(url);
  await c.connect();
  try {
    return (await c.query(sql)).rows;
  } finally {
    await c.end();
  }
}

/** Speaks the protocol by hand (pg has no COPY): sends each step once the previous one is answered
 *  and returns the backend messages after the handshake, as "type:payload". */
async function rawSession(url: string, steps: Buffer[]): Promise<string[]> {
  const socket = net.connect(Number(new URL(url).port), '127.0.0.1');
  const startup = Buffer.from('\0\0\0\0\0\x03\0\0user\0postgres\0database\0postgres\0\0', 'latin1');
  startup.writeInt32BE(startup.length);
  socket.write(startup);
  const seen: string[] = [];
  let buf: Buffer = Buffer.alloc(0);
  let started = false;
  for await (const chunk of socket) {
    const split = wire.splitMessages(Buffer.concat([buf, chunk as Buffer]));
    if ('error' in split) throw new Error(split.error);
    buf = split.rest;
    for (const m of split.messages) {
      const type = String.fromCharCode(m[0]!);
      if (started) seen.push(`${type}:${m.subarray(5).toString('latin1').replace(/\0/g, '')}`);
      if (type === 'Z' && started && !steps.length) return (socket.end(), seen);
      if (type === 'Z' || type === 'G') socket.write(steps.shift()!);
      started ||= type === 'Z';
    }
  }
  throw new Error('connection closed');
}
