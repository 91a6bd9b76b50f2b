// `npm run create-admin` makes the first IT-support account on a fresh installation.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { verifyPassword } from '@/lib/auth/password.ts';

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

// An operator tool: it migrates first, so it runs as the owner (the app's runtime role may not).
function createAdmin(args: string[], env: Record<string, string | undefined> = { DATABASE_URL: process.env.TEST_OWNER_URL }) {
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...env };
  const child = spawn(tsx, ['scripts/create-admin.ts', ...args], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

describe('npm run create-admin', () => {
  it('creates an IT-support account whose one-time password must be changed at first sign-in', async () => {
    const run = await createAdmin(['--email', 'IT@Example.org', '--name', 'IT Desk']);
    expect(run.code, run.stderr).toBe(0);
    const password = /One-time password: (\S+)/.exec(run.stdout)?.[1];
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const user = await db.staffUser.findUniqueOrThrow({ where: { email: 'it@example.org' } });
    expect(user).toMatchObject({ role: 'admin', displayName: 'IT Desk', mustChangePassword: true, active: true });
    expect(await verifyPassword(user.passwordHash, password!)).toBe(true);
    expect(await db.auditEvent.count({ where: { action: 'staff_user.created', entityId: user.id } })).toBe(1);
  }, 60_000);

  it('refuses an email already in use, a bad email and a missing DATABASE_URL, creating nothing', async () => {
    expect((await createAdmin(['--email', 'it@example.org'])).code).toBe(0);
    const again = await createAdmin(['--email', 'it@example.org']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('already exists');
    const bad = await createAdmin(['--email', 'not an email']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/email: Enter a valid email/);
    const noDb = await createAdmin(['--email', 'x@example.org'], {});
    expect(noDb.code).toBe(1);
    expect(noDb.stderr).toContain('DATABASE_URL must be set');
    expect(await db.staffUser.count()).toBe(1);
  }, 60_000);
});
