import type { PrismaClient } from '@/lib/db/generated/client.ts';
import { encryptField } from '@/lib/crypto/fields.ts';
import { FREE_TEXT_INVENTORY } from './free-text-inventory.ts';

// Text written in clear before its column was encrypted (migration 20261208010000) waits in
// free_text_to_seal: the database never holds the app's key, so the app seals it. Each row is
// encrypted into its encrypted column with the usual context (`<table>:<row id>:<name>` for a column
// `<name>_enc`) and deleted, in one transaction per batch. Idempotent; run by `npm run seal-free-text`
// and by the demo seed. Not `server-only`: operator commands and the seed call it outside Next.

const BATCH = 500;
const SEALABLE = new Set(FREE_TEXT_INVENTORY.filter((e) => e.decision === 'encrypted' && e.column.endsWith('_enc')).map((e) => `${e.table}.${e.column}`));

type Waiting = { tableName: string; rowId: string; columnName: string; text: string };

async function sealBatch(db: PrismaClient): Promise<number> {
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<Waiting[]>`
      SELECT table_name AS "tableName", row_id::text AS "rowId", column_name AS "columnName", text
      FROM free_text_to_seal ORDER BY table_name, row_id LIMIT ${BATCH} FOR UPDATE SKIP LOCKED`;
    for (const r of rows) {
      // Only columns the inventory names as encrypted; the names are then safe to quote.
      if (!SEALABLE.has(`${r.tableName}.${r.columnName}`)) throw new Error(`free_text_to_seal: ${r.tableName}.${r.columnName} is not an encrypted column`);
      const sealed = encryptField(r.text, `${r.tableName}:${r.rowId}:${r.columnName.slice(0, -4)}`);
      // A value written since (e.g. by the app) wins over the parked one.
      await tx.$executeRawUnsafe(`UPDATE "${r.tableName}" SET "${r.columnName}" = $1 WHERE id = $2::uuid AND "${r.columnName}" IS NULL`, sealed, r.rowId);
      await tx.$executeRaw`DELETE FROM free_text_to_seal WHERE table_name = ${r.tableName} AND row_id = ${r.rowId}::uuid AND column_name = ${r.columnName}`;
    }
    return rows.length;
  });
}

/** Seals every waiting text; returns how many. Operator commands and the seed (no actor: nothing is shown to anyone). */
export async function sealFreeText(db: PrismaClient): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await sealBatch(db);
    total += n;
    if (n < BATCH) return total;
  }
}
