// `npm run restore FILE`: restores a file written by `npm run backup` into an empty database
// (DATABASE_URL's, otherwise a new embedded one in LANTERN_DATA_DIR, default .data): migrates it,
// loads every table in one transaction, then applies any migration newer than the backup. Refuses
// a database that has data, a wrong key and a damaged file, changing nothing.
import path from 'node:path';
import { restoreBackup } from '../lib/db/backup/restore.ts';
import { backupKey, fail, openTarget, progressLine } from './lib/backup-target.ts';

const args = process.argv.slice(2);
if (args.length !== 1 || args[0]!.startsWith('-')) {
  console.error('usage: npm run restore FILE');
  process.exit(2);
}
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]!);

const progress = progressLine('restore');
try {
  const { key, warning } = backupKey(process.env);
  if (warning) console.error(`warning: ${warning}`);
  const target = await openTarget(process.env, false);
  try {
    const started = Date.now();
    const { header, applied } = await restoreBackup(target.url, file, { key, onProgress: (p) => progress.update(p) });
    progress.done();
    const rows = header.tables.reduce((n, t) => n + t.rows, 0);
    console.log(
      `Restored ${path.basename(file)} (made ${header.createdAt}) into ${target.shown}: ` +
        `${header.tables.length} tables, ${rows.toLocaleString('en-CA')} rows (${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
    if (applied.length > 0) console.log(`Then applied ${applied.length} newer migration(s): ${applied.join(', ')}`);
  } finally {
    await target.close();
  }
} catch (e) {
  progress.done();
  fail('restore', e);
}
