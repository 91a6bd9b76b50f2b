// `npm run backup [FILE]`: writes an encrypted, compressed, consistent copy of the whole Lantern
// database (DATABASE_URL's, otherwise the demo's embedded one) to FILE, by default
// lantern-<UTC instant>.backup in the current directory, readable by its owner only. The key is
// BACKUP_KEY (see README, "Backups"). Restore with `npm run restore FILE`.
import { statSync } from 'node:fs';
import path from 'node:path';
import { defaultBackupName, writeBackup } from '../lib/db/backup/dump.ts';
import { backupKey, fail, openTarget, progressLine } from './lib/backup-target.ts';

const args = process.argv.slice(2);
if (args.length > 1 || args[0]?.startsWith('-')) {
  console.error('usage: npm run backup [FILE]');
  process.exit(2);
}
// npm runs scripts in the project's directory; a relative FILE means where the command was typed.
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0] ?? defaultBackupName());

const progress = progressLine('backup');
try {
  const { key, warning } = backupKey(process.env);
  if (warning) console.error(`warning: ${warning}`);
  const target = await openTarget(process.env, true);
  try {
    const started = Date.now();
    const header = await writeBackup(target.url, file, { key, onProgress: (p) => progress.update(p) });
    progress.done();
    const rows = header.tables.reduce((n, t) => n + t.rows, 0);
    const size = (statSync(file).size / 1024 / 1024).toFixed(1);
    console.log(
      `Backed up ${target.shown}: ${header.tables.length} tables, ${rows.toLocaleString('en-CA')} rows, ` +
        `${header.migrations.length} migrations, to ${file} (${size} MB, ${((Date.now() - started) / 1000).toFixed(1)} s)`,
    );
  } finally {
    await target.close();
  }
} catch (e) {
  progress.done();
  fail('back up', e);
}
