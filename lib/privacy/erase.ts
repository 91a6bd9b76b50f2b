import 'server-only';
import type { Tx } from '@/lib/db/client.ts';
import { personLinkedColumns } from './free-text-inventory.ts';

// Retention hook (lib/participants/retention.ts), driven by the inventory: every column it marks as
// linked to a person is emptied for the people being de-identified, and any of their words still
// waiting to be sealed are deleted. A new person-linked column is erased once it is in the inventory,
// and the inventory test refuses a text column that is not.

const IDENT = /^[a-z_][a-z0-9_]*$/;

function quoted(name: string): string {
  if (!IDENT.test(name)) throw new Error(`free-text inventory: unexpected identifier ${name}`);
  return `"${name}"`;
}

/** Empties every person-linked text column of these participants' rows. Inside retention's batch transaction. */
export async function erasePersonLinkedText(tx: Tx, participantIds: string[]): Promise<void> {
  if (participantIds.length === 0) return;
  for (const { table, column, person } of personLinkedColumns()) {
    const [t, c, p] = [quoted(table), quoted(column), quoted(person)];
    // Identifiers come from the inventory (checked above), the ids are a bound parameter.
    await tx.$executeRawUnsafe(`UPDATE ${t} SET ${c} = NULL WHERE ${c} IS NOT NULL AND ${p} = ANY($1::uuid[])`, participantIds);
  }
  // Words from before encryption not yet sealed (migration 20261208010000): the function runs as
  // the owner, since the app's role may not read that table.
  await tx.$executeRaw`SELECT forget_unsealed_text(${participantIds}::uuid[])`;
}
