import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { makeParticipant, participantRow } from '@/lib/participants/lifecycle-test-helpers.ts';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '..');

/** `npm run retention` as an operator runs it, against the test database. */
function retention(...args: string[]) {
  return run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/retention.ts', ...args], { cwd: root, env: { ...process.env }, timeout: 60_000 });
}

describe('npm run retention', () => {
  it('--dry-run counts without changing anything; without it, de-identifies and audits; names never printed', async () => {
    const staff = await makeActor('manager');
    const old = new Date('2020-01-01T00:00:00Z');
    const stale = [await makeParticipant(staff.id, { lastActivityAt: old }), await makeParticipant(staff.id, { lastActivityAt: old })];
    const fresh = await makeParticipant(staff.id);

    const dry = await retention('--dry-run');
    expect(dry.stdout).toMatch(/^2 participant record\(s\) with no activity since \d{4}-\d\d-\d\d \(24 months\) would be de-identified\.\nNothing was changed/);
    expect((await participantRow(stale[0]!.id)).alias).toBe(stale[0]!.alias);
    expect(await db.auditEvent.count()).toBe(0);

    const real = await retention();
    expect(real.stdout).toMatch(/^De-identified 2 participant record\(s\) .* in 1 batch\(es\)\.$/m);
    for (const p of stale) expect(await participantRow(p.id)).toMatchObject({ alias: null, deidentifiedAt: expect.any(Date) });
    expect((await participantRow(fresh.id)).alias).toBe(fresh.alias);
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: 'retention.ran' } })).toMatchObject({
      actorId: null,
      details: { count: 2, via: 'command' },
    });
    for (const p of [...stale, fresh]) expect(dry.stdout + real.stdout + dry.stderr + real.stderr).not.toContain(p.alias!);
  });

  it('refuses to run without DATABASE_URL, or with an unknown option', async () => {
    const { DATABASE_URL: _, ...env } = process.env;
    await expect(run(path.join(root, 'node_modules/.bin/tsx'), ['scripts/retention.ts'], { cwd: root, env })).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('DATABASE_URL must be set'),
    });
    await expect(retention('--everything')).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('usage: npm run retention') });
  });
});
