import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { authenticate } from './authenticate.ts';
import { hashPassword } from './password.ts';
import { MAX_FAILURES_PER_IP } from './throttle.ts';
import { ACCOUNT_MAX_DELAY_MS, PAIR_FREE_FAILURES } from './throttle-rules.ts';

const PASSWORD = 'correct horse battery';

async function staff(email: string, active = true) {
  return db.staffUser.create({
    data: { email, displayName: 'Sam', role: 'coordinator', passwordHash: await hashPassword(PASSWORD), active, mustChangePassword: false },
    select: { id: true },
  });
}

describe('authenticate', () => {
  it('opens a session for the right password, case-insensitive email, and audits it', async () => {
    const user = await staff('sam@example.org');
    const result = await authenticate({ email: '  SAM@example.org ', password: PASSWORD }, '10.0.0.1');
    expect(result).toMatchObject({ ok: true, userId: user.id });
    const sessionId = result.ok ? result.sessionId : '';
    expect(await db.authSession.count({ where: { id: sessionId, userId: user.id } })).toBe(1);
    const events = await db.auditEvent.findMany({ select: { action: true, actorId: true, details: true } });
    expect(events).toEqual([{ action: 'auth.signed_in', actorId: user.id, details: null }]);
  });

  it('answers unknown email, wrong password and inactive account alike', async () => {
    await staff('sam@example.org');
    await staff('gone@example.org', false);
    const answers = await Promise.all([
      authenticate({ email: 'nobody@example.org', password: PASSWORD }, '10.0.0.2'),
      authenticate({ email: 'sam@example.org', password: 'wrong password here' }, '10.0.0.2'),
      authenticate({ email: 'gone@example.org', password: PASSWORD }, '10.0.0.2'),
    ]);
    expect(answers).toEqual([
      { ok: false, reason: 'invalid' },
      { ok: false, reason: 'invalid' },
      { ok: false, reason: 'invalid' },
    ]);
    expect(await db.authSession.count()).toBe(0);
    const failed = await db.auditEvent.findMany({ where: { action: 'auth.sign_in_failed' }, select: { details: true } });
    expect(failed).toHaveLength(3);
    // No email in the audit log, not even of an unknown address.
    const all = JSON.stringify(await db.auditEvent.findMany({ omit: { id: true } }));
    expect(all).not.toContain('nobody@example.org');
  });

  it('takes comparable time for an unknown email and a wrong password', async () => {
    await staff('sam@example.org');
    const time = async (email: string) => {
      const t = performance.now();
      await authenticate({ email, password: 'some wrong password' }, `10.1.${Math.random()}`);
      return performance.now() - t;
    };
    await time('warmup@example.org');
    const unknown = (await time('a@example.org')) + (await time('b@example.org')) + (await time('c@example.org'));
    const wrong = (await time('sam@example.org')) + (await time('sam@example.org')) + (await time('sam@example.org'));
    // Without the dummy verification an unknown email answers in ~1 ms against ~40 ms.
    expect(unknown / wrong).toBeGreaterThan(0.4);
    expect(unknown / wrong).toBeLessThan(2.5);
  });

  it('slows one address down after 5 failures, growing, even with the right password; a throttled try does not count', async () => {
    await staff('sam@example.org');
    const t0 = new Date('2027-03-14T17:00:00Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) {
      expect(await authenticate({ email: 'sam@example.org', password: `wrong-${i}-password` }, '10.2.0.1', at(i))).toEqual({ ok: false, reason: 'invalid' });
    }
    // The last failure was at t0+4 s: the next check waits 30 s from it.
    expect(await authenticate({ email: 'sam@example.org', password: PASSWORD }, '10.2.0.1', at(5))).toEqual({ ok: false, reason: 'throttled', waitMs: 29_000 });
    expect(await authenticate({ email: 'sam@example.org', password: 'sixth-wrong-password' }, '10.2.0.1', at(34))).toEqual({ ok: false, reason: 'invalid' });
    // The sixth failure doubles the wait to 60 s; the refused try above did not count.
    expect(await authenticate({ email: 'sam@example.org', password: PASSWORD }, '10.2.0.1', at(60))).toEqual({
      ok: false,
      reason: 'throttled',
      waitMs: 34_000,
    });
    // Another address is not slowed by this one's failures (6 < the 10 the account allows).
    expect(await authenticate({ email: 'sam@example.org', password: PASSWORD }, '10.9.9.9', at(61))).toMatchObject({ ok: true });
    // The limit lives in PostgreSQL, not in this process, and the table holds no email.
    expect(JSON.stringify(await db.loginAttempt.findMany({ omit: { id: true } }))).not.toContain('sam@');
  });

  it('slows the account from every address after 10 failures, by at most a minute, and never at an address it signed in from', async () => {
    await staff('sam@example.org');
    const t0 = new Date('2027-03-14T17:00:00Z');
    const at = (s: number) => new Date(t0.getTime() + s * 1000);
    expect(await authenticate({ email: 'sam@example.org', password: PASSWORD }, '10.1.1.1', at(-3600))).toMatchObject({ ok: true });
    // A stranger spreads 40 wrong guesses over 40 addresses.
    for (let i = 0; i < 40; i++) {
      expect((await authenticate({ email: 'sam@example.org', password: `guess-${i}-password` }, `10.4.0.${i}`, at(i * 70))).ok).toBe(false);
    }
    const last = 39 * 70;
    const fromNewAddress = await authenticate({ email: 'sam@example.org', password: PASSWORD }, '10.5.0.1', at(last + 1));
    expect(fromNewAddress).toEqual({ ok: false, reason: 'throttled', waitMs: ACCOUNT_MAX_DELAY_MS - 1000 });
    // At the desk the person signed in from before, they get in at once.
    expect(await authenticate({ email: 'sam@example.org', password: PASSWORD }, '10.1.1.1', at(last + 1))).toMatchObject({ ok: true });
  });

  it(`throttles an address after ${MAX_FAILURES_PER_IP} failures across accounts`, async () => {
    await staff('sam@example.org');
    const rows = Array.from({ length: MAX_FAILURES_PER_IP }, (_, i) => ({ accountKey: `k${i}`, ipKey: 'x', success: false }));
    await db.loginAttempt.createMany({ data: rows });
    const { throttleKeys } = await import('./throttle.ts');
    await db.loginAttempt.updateMany({ data: { ipKey: throttleKeys('any', '10.3.0.1').ipKey } });
    expect(await authenticate({ email: 'sam@example.org', password: PASSWORD }, '10.3.0.1')).toMatchObject({ ok: false, reason: 'throttled' });
    expect(await authenticate({ email: 'sam@example.org', password: PASSWORD }, '10.3.0.2')).toMatchObject({ ok: true });
  });

  it('refuses malformed input without touching the database', async () => {
    for (const input of [
      null,
      {},
      { email: 42, password: PASSWORD },
      { email: 'x'.repeat(300) + '@e.org', password: PASSWORD },
      { email: 'a@b.org', password: 'p'.repeat(300) },
    ]) {
      expect(await authenticate(input, '10.4.0.1')).toEqual({ ok: false, reason: 'invalid' });
    }
    expect(await db.loginAttempt.count()).toBe(0);
  });
});
