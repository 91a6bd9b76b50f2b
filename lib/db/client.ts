import 'server-only';
import type { PrismaClient } from './generated/client.ts';
import { createDb } from './create.ts';

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * For a transaction that takes or gives up a place (a booking's seat, a stay's nights): a busy desk
 * (or 200 attempts at once) queues for a connection longer than Prisma's 2 s default.
 */
export const TX_OPTIONS = { maxWait: 10_000, timeout: 10_000 } as const;

// One client per process. In development Next re-evaluates modules on every change, so the
// instance is kept on globalThis to avoid opening a new pool each time.
const globalForDb = globalThis as unknown as { lanternDb?: PrismaClient };

export function getDb(): PrismaClient {
  if (!globalForDb.lanternDb) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set');
    globalForDb.lanternDb = createDb(url);
  }
  return globalForDb.lanternDb;
}

/** Lazy, so modules can `import { db }` without opening a pool at import time (e.g. during build). */
export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client) as unknown;
    return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(client) : value;
  },
});
