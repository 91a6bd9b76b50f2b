// `npm run backup` / `npm run restore` on the demo's embedded database (no DATABASE_URL): opened in
// the command's own process when nothing runs it, reached through its server when something does;
// every refusal is one line, without a stack trace.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import pg from 'pg';
import { startEmbeddedDatabase } from '@/lib/db/embedded.ts';
import { migrate } from '@/lib/db/migrate.ts';
import { portIsFree } from './lib/next-app.ts';
import { fingerprint } from '@/lib/db/backup/test-helpers.ts';
import { verifyBackupFile } from '@/lib/db/backup/file.ts';

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
const work = mkdtempSync(path.join(tmpdir(), 'lantern-backup-cli-'));
const key = randomBytes(32).toString('base64');

function run(script: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...env };
  const child = spawn(tsx, [`scripts/${script}.ts`, ...args], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let [stdout, stderr] = ['', ''];
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

afterAll(() => rmSync(work, { recursive: true, force: true }));

it('backs up and restores the embedded database, and refuses plainly', async () => {
  const [demo, copy, out] = [path.join(work, 'demo'), path.join(work, 'copy'), path.join(work, 'out')];
  const env = (dir: string) => ({ LANTERN_DATA_DIR: dir, BACKUP_KEY: key, INIT_CWD: out });
  mkdirSync(out);

  // Nothing there yet, and no key: one line each.
  const none = await run('backup', [], env(demo));
  expect(none).toMatchObject({
    code: 1,
    stderr: `Lantern cannot back up: there is no embedded database in ${demo}/pglite (set DATABASE_URL for another database)\n`,
  });
  const noKey = await run('backup', [], { LANTERN_DATA_DIR: demo });
  expect(noKey.stderr).toMatch(/^Lantern cannot back up: BACKUP_KEY is not set: [^\n]*\n$/);

  // A demo database with a row, served the way `npm run demo` serves it.
  const db = await startEmbeddedDatabase({ dataDir: path.join(demo, 'pglite'), port: 0, log: () => {} });
  await migrate(db.url);
  const c = new pg.Client(db.url);
  await c.connect();
  await c.query(`INSERT INTO staff_user (id, email, display_name, role, password_hash, updated_at)
    VALUES (gen_random_uuid(), 'cli@example.org', 'CLI', 'manager', 'h', now())`);
  await c.end();
  const before = await fingerprint(db.url);
  await db.close();

  // Stopped: the command opens the directory itself; the default name is the UTC time, here.
  const backup = await run('backup', [], env(demo));
  expect(backup.code, backup.stderr).toBe(0);
  const [name] = readdirSync(out);
  expect(name).toMatch(/^lantern-\d{4}-\d{2}-\d{2}T\d{6}Z\.backup$/);
  expect(statSync(path.join(out, name!)).mode & 0o777).toBe(0o600);
  expect(backup.stderr).toMatch(/backup: \d+\/\d+ tables/);

  const restore = await run('restore', [name!], env(copy));
  expect(restore.code, restore.stderr).toBe(0);
  expect(restore.stdout).toMatch(/^Restored lantern-.*\.backup \(made .*\) into the embedded database in /);
  const again = await run('restore', [name!], env(copy));
  expect(again.code).toBe(1);
  expect(again.stderr).toMatch(/^(restore: [^\n]*\n)*Lantern cannot restore: the database is not empty \(table \w+ has rows\)[^\n]*\n$/);
  const wrong = await run('restore', [name!], { ...env(copy), BACKUP_KEY: randomBytes(32).toString('base64') });
  expect(wrong.stderr).toBe('Lantern cannot restore: this backup was made with another key: set BACKUP_KEY to the key it was made with\n');

  // Without BACKUP_KEY: ENCRYPTION_KEY, else the demo's own, each with a warning; the file opens with it.
  const withAppKey = await run('backup', ['app-key.backup'], { LANTERN_DATA_DIR: demo, INIT_CWD: out, ENCRYPTION_KEY: key });
  expect(withAppKey.code, withAppKey.stderr).toBe(0);
  expect(withAppKey.stderr).toMatch(/^warning: BACKUP_KEY is not set: using ENCRYPTION_KEY as the backup key/);
  writeFileSync(path.join(demo, 'demo-secrets.json'), JSON.stringify({ AUTH_SECRET: 'x', ENCRYPTION_KEY: key }));
  const withDemoKey = await run('backup', ['demo-key.backup'], { LANTERN_DATA_DIR: demo, INIT_CWD: out });
  expect(withDemoKey.code, withDemoKey.stderr).toBe(0);
  expect(withDemoKey.stderr).toMatch(/^warning: BACKUP_KEY is not set: using the demo's ENCRYPTION_KEY from /);
  for (const f of ['app-key.backup', 'demo-key.backup']) await verifyBackupFile(path.join(out, f), Buffer.from(key, 'base64'));

  // Running (as under `npm run demo`, on its usual port): the command goes through its server.
  // Another run on this machine (CI runs two at once) may take the port between the check and the start.
  const served = (await portIsFree(54329, '127.0.0.1'))
    ? await startEmbeddedDatabase({ dataDir: path.join(copy, 'pglite'), port: 54329, log: () => {} }).catch((e: Error) =>
        /already in use/.test(e.message) ? undefined : Promise.reject(e),
      )
    : undefined;
  if (served) {
    try {
      expect(await fingerprint(served.url)).toEqual(before);
      const live = await run('backup', ['live.backup'], env(copy));
      expect(live.code, live.stderr).toBe(0);
      expect(live.stdout).toContain("Backed up the running demo's database");
      // Another directory in use elsewhere is not mistaken for the one answering on that port.
      const other = await startEmbeddedDatabase({ dataDir: path.join(demo, 'pglite'), port: 0, log: () => {} });
      try {
        const refused = await run('backup', ['other.backup'], env(demo));
        expect(refused.stderr).toMatch(/^Lantern cannot back up: the embedded database in .* is in use by another process/);
      } finally {
        await other.close();
      }
    } finally {
      await served.close();
    }
  }
}, 420_000); // about ten commands, each starting tsx and most the WebAssembly PostgreSQL
