// `npm run seal-free-text` encrypts person-linked words written in clear before their column was
// encrypted (migration 20261208010000 parks them in free_text_to_seal: SQL cannot use the app's
// key). Run it once after upgrading, with DATABASE_URL (the tables' owner) and ENCRYPTION_KEY set.
// Idempotent; it prints a count, never the words.
import { createDb } from '../lib/db/create.ts';
import { sealFreeText } from '../lib/privacy/seal.ts';
import { moveOldNotes } from '../lib/privacy/move-old-notes.ts';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error('seal-free-text: DATABASE_URL must be set to a postgresql:// URL');
    return 1;
  }
  if (Buffer.from(process.env.ENCRYPTION_KEY ?? '', 'base64').length !== 32) {
    console.error('seal-free-text: ENCRYPTION_KEY must be set (32 bytes in base64), the key the app uses');
    return 1;
  }
  const db = createDb(url, 1);
  try {
    const sealed = await sealFreeText(db);
    console.log(`Encrypted ${sealed} piece(s) of text written before encryption; none is left in clear.`);
    const moved = await moveOldNotes(db);
    console.log(`Moved ${moved} old participant note(s) into dated entries.`);
    return 0;
  } finally {
    await db.$disconnect();
  }
}

process.exit(await main());
