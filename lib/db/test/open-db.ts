import type { PrismaClient } from '../generated/client.ts';

/** The app's shared Prisma client, if a test opened it (see lib/db/client.ts). */
export function getDbIfOpen(): PrismaClient | undefined {
  return (globalThis as unknown as { lanternDb?: PrismaClient }).lanternDb;
}
