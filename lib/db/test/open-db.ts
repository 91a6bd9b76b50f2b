import type { PrismaClient } from '../generated/client.ts';

// Where lib/db/client.ts keeps the app's shared Prisma client, once something has opened it.
const shared = globalThis as unknown as { lanternDb?: PrismaClient };

/** Closes the app's shared client, so the next file's first query opens a new one (files share modules). */
export async function closeDb(): Promise<void> {
  const open = shared.lanternDb;
  delete shared.lanternDb;
  await open?.$disconnect();
}

let owner: PrismaClient | undefined;

/**
 * A Prisma client as the tables' owner (the app's code runs as the runtime role): for what only an
 * operator does, such as the demo seed, which switches a trigger off while it loads.
 */
export async function ownerDb(): Promise<PrismaClient> {
  if (!owner) {
    const { createDb } = await import('../create.ts');
    owner = createDb(process.env.TEST_OWNER_URL ?? process.env.DATABASE_URL!, 4);
  }
  return owner;
}

export async function closeOwnerDb(): Promise<void> {
  await owner?.$disconnect();
  owner = undefined;
}
