import { randomUUID } from 'node:crypto';
import { generateSync } from 'otplib';
import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { expectAppError, lastAudit, openSessions } from '@/lib/staff/test-helpers.ts';
import { resetStaffPassword, resetStaffSecondFactor } from '@/lib/staff/mutations.ts';
import { resolveSession, type Actor } from './resolve-session.ts';
import { confirmEnrolment, giveSecondFactor, ownSecondFactor, rememberBrowser, replaceRecoveryCodes, startEnrolment } from './two-factor.ts';
import { authenticate } from './authenticate.ts';
import { hashPassword } from './password.ts';
import { PAIR_FREE_FAILURES } from './throttle-rules.ts';

// Two-step sign-in against PostgreSQL: RFC 6238 codes a step either side of now, each used once;
// recovery codes used once; the secret encrypted at rest; the session states a sign-in walks
// through; the throttle; a manager's reset and IT support's limits.

const IP = '203.0.113.7';
const NOW = new Date('2026-12-06T18:00:10Z'); // 10 s into a 30-s step
const at = (seconds: number) => new Date(NOW.getTime() + seconds * 1000);
const codeAt = (secret: string, when: Date) => generateSync({ secret, epoch: Math.floor(when.getTime() / 1000) });

/** A session row as the password step leaves it: no second factor given yet. */
async function passwordOnlySession(actor: Actor): Promise<Actor> {
  const sessionId = randomUUID();
  const { sessionVersion } = await db.staffUser.findUniqueOrThrow({ where: { id: actor.id }, select: { sessionVersion: true } });
  await db.authSession.create({ data: { id: sessionId, userId: actor.id, sessionVersion } });
  return { ...actor, sessionId };
}

/** Sets up two-step sign-in for a new account; its key and recovery codes. */
async function enrolled(role: 'coordinator' | 'admin' = 'coordinator') {
  const actor = await makeActor(role);
  const { key } = (await startEnrolment(actor))!;
  const codes = await confirmEnrolment(actor, codeAt(key, NOW), IP, NOW);
  return { actor, key, codes };
}

afterEach(() => {
  delete process.env.LANTERN_TWO_FACTOR;
});

describe('setting up two-step sign-in', () => {
  it('shows a key and a QR code, keeps the secret on the session until a code confirms it, then stores it encrypted with ten recovery codes', async () => {
    const actor = await makeActor('coordinator');
    const first = (await startEnrolment(actor))!;
    expect(first.key).toMatch(/^[A-Z2-7]{32}$/); // 20 random bytes, base32
    expect(first.uri).toMatch(/^otpauth:\/\/totp\/Lantern:.*secret=/);
    expect(first.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    // A reload shows the same key: the app scanned a moment ago still matches.
    expect((await startEnrolment(actor))!.key).toBe(first.key);

    await expectAppError(confirmEnrolment(actor, '000000', IP, NOW), 'invalid', /not right/, 'code');
    expect((await ownSecondFactor(actor)).enrolledAt).toBeNull();

    const codes = await confirmEnrolment(actor, codeAt(first.key, NOW), IP, NOW);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const c of codes) expect(c).toMatch(/^[A-HJ-NP-Z2-9]{5}-[A-HJ-NP-Z2-9]{5}$/);
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: actor.id }, select: { totpSecret: true, totpEnrolledAt: true } });
    expect(row.totpEnrolledAt).toEqual(NOW);
    expect(Buffer.from(row.totpSecret!).toString('latin1')).not.toContain(first.key);
    const stored = await db.staffRecoveryCode.findMany({ where: { userId: actor.id }, select: { codeHash: true } });
    expect(stored.map((s) => s.codeHash).join()).not.toContain(codes[0]!.replace('-', ''));
    expect(await db.authSession.findUniqueOrThrow({ where: { id: actor.sessionId }, select: { totpPending: true } })).toEqual({ totpPending: null });
    expect(await startEnrolment(actor)).toBeNull();
    expect(await lastAudit()).toMatchObject({ action: 'staff_user.second_factor_enrolled', entityId: actor.id });
  });
});

describe('the second step of signing in', () => {
  it('takes the code of this step or the one either side, each once, and not an older one after a newer', async () => {
    const { actor, key } = await enrolled();
    const session = await passwordOnlySession(actor);
    // The enrolment used this step's code: it does not work again.
    await expectAppError(giveSecondFactor(session, codeAt(key, NOW), IP, NOW), 'invalid', /not right/, 'code');
    await expectAppError(giveSecondFactor(session, codeAt(key, at(-60)), IP, at(30)), 'invalid', /not right/); // two steps back
    await expectAppError(giveSecondFactor(session, codeAt(key, at(90)), IP, at(30)), 'invalid', /not right/); // two steps ahead
    expect(await giveSecondFactor(session, codeAt(key, at(60)), IP, at(30))).toEqual({ method: 'app' }); // the step after
    await expectAppError(giveSecondFactor(session, codeAt(key, at(60)), IP, at(40)), 'invalid', /not right/); // used
    await expectAppError(giveSecondFactor(session, codeAt(key, at(30)), IP, at(40)), 'invalid', /not right/); // older than one used
    expect(await giveSecondFactor(session, codeAt(key, at(90)), IP, at(100))).toEqual({ method: 'app' }); // the step before
    expect(await db.authSession.findUniqueOrThrow({ where: { id: session.sessionId }, select: { secondFactorAt: true } })).toEqual({ secondFactorAt: at(100) });
  });

  it('two sign-ins racing with one code: one gets in', async () => {
    const { actor, key } = await enrolled();
    const [a, b] = [await passwordOnlySession(actor), await passwordOnlySession(actor)];
    const code = codeAt(key, at(30));
    const results = await Promise.allSettled([giveSecondFactor(a, code, IP, at(30)), giveSecondFactor(b, code, IP, at(30))]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
  });

  it('takes a recovery code once, however it is typed, and says how many are left', async () => {
    const { actor, codes } = await enrolled();
    const session = await passwordOnlySession(actor);
    const typed = ` ${codes[3]!.toLowerCase().replace('-', ' ')} `;
    expect(await giveSecondFactor(session, typed, IP, at(5))).toEqual({ method: 'recovery', recoveryLeft: 9 });
    await expectAppError(giveSecondFactor(await passwordOnlySession(actor), codes[3]!, IP, at(6)), 'invalid', /not right/);
    // New codes replace the old ones.
    const fresh = await replaceRecoveryCodes(actor);
    await expectAppError(giveSecondFactor(await passwordOnlySession(actor), codes[4]!, IP, at(7)), 'invalid', /not right/);
    expect(await giveSecondFactor(await passwordOnlySession(actor), fresh[0]!, IP, at(8))).toMatchObject({ recoveryLeft: 9 });
    expect((await ownSecondFactor(actor)).recoveryLeft).toBe(9);
  });

  it('counts wrong codes like wrong passwords: audited, then held back', async () => {
    const { actor } = await enrolled();
    const session = await passwordOnlySession(actor);
    for (let i = 0; i < PAIR_FREE_FAILURES; i++) await expectAppError(giveSecondFactor(session, '123456', IP, at(1 + i)), 'invalid');
    expect(await db.auditEvent.count({ where: { action: 'auth.second_factor_failed', actorId: actor.id } })).toBe(PAIR_FREE_FAILURES);
    await expectAppError(giveSecondFactor(session, '123456', IP, at(10)), 'throttled', /Wait/, 'code');
    expect(await lastAudit()).toMatchObject({ action: 'auth.second_factor_throttled', outcome: 'refused' });
  });
});

describe('what a session may do on the way in', () => {
  it('required (npm start): set it up first; enrolled: the code before anything else', async () => {
    const actor = await makeActor('peer');
    const session = await passwordOnlySession(actor);
    expect((await resolveSession(session.sessionId)).status).toBe('enrol');
    const { key } = (await startEnrolment(session))!;
    await confirmEnrolment(session, codeAt(key, NOW), IP, NOW);
    expect((await resolveSession(session.sessionId)).status).toBe('ok');

    const next = await passwordOnlySession(actor);
    expect((await resolveSession(next.sessionId)).status).toBe('second_factor');
    await giveSecondFactor(next, codeAt(key, at(30)), IP, at(30));
    expect((await resolveSession(next.sessionId)).status).toBe('ok');
  });

  it('optional (the demo): the password alone, until the account sets it up', async () => {
    process.env.LANTERN_TWO_FACTOR = 'optional';
    const actor = await makeActor('coordinator');
    expect((await resolveSession((await passwordOnlySession(actor)).sessionId)).status).toBe('ok');
    const { key } = (await startEnrolment(actor))!;
    await confirmEnrolment(actor, codeAt(key, NOW), IP, NOW);
    expect((await resolveSession((await passwordOnlySession(actor)).sessionId)).status).toBe('second_factor');
  });
});

describe('remember this browser', () => {
  it('stands in for the code for 12 hours, for its own account only, until the two-step sign-in is reset', async () => {
    const password = 'a long and quiet test passphrase';
    const actor = await makeActor('coordinator', { passwordHash: await hashPassword(password) });
    const { key } = (await startEnrolment(actor))!;
    await confirmEnrolment(actor, codeAt(key, NOW), IP, NOW);
    const { email } = await db.staffUser.findUniqueOrThrow({ where: { id: actor.id }, select: { email: true } });
    const signIn = async (who: string, when: Date, token?: string) => {
      const result = await authenticate({ email: who, password }, IP, when, token);
      if (!result.ok) throw new Error(`sign-in refused: ${result.reason}`);
      return (await resolveSession(result.sessionId)).status;
    };

    const { token, expiresAt } = await rememberBrowser(actor, NOW);
    expect(expiresAt).toEqual(at(12 * 3600));
    expect(await db.rememberedBrowser.findFirstOrThrow({ where: { userId: actor.id }, select: { tokenHash: true } })).not.toEqual({ tokenHash: token });
    expect(await signIn(email, at(60), token)).toBe('ok');
    expect(await signIn(email, at(60))).toBe('second_factor');
    expect(await signIn(email, at(60), 'a made-up token')).toBe('second_factor');
    expect(await signIn(email, at(12 * 3600 + 1), token)).toBe('second_factor');

    // Another account's sign-in in the same browser gets nothing from it.
    const otherPassword = 'another quiet test passphrase';
    const other = await makeActor('coordinator', { passwordHash: await hashPassword(otherPassword) });
    const { key: otherKey } = (await startEnrolment(other))!;
    await confirmEnrolment(other, codeAt(otherKey, NOW), IP, NOW);
    const { email: otherEmail } = await db.staffUser.findUniqueOrThrow({ where: { id: other.id }, select: { email: true } });
    const result = await authenticate({ email: otherEmail, password: otherPassword }, IP, at(60), token);
    expect(result.ok && (await resolveSession(result.sessionId)).status).toBe('second_factor');

    await resetStaffSecondFactor(await makeActor('manager'), { id: actor.id });
    expect(await db.rememberedBrowser.count({ where: { userId: actor.id } })).toBe(0);
    expect(await signIn(email, at(120), token)).toBe('enrol');
  });
});

describe('a reset by someone else', () => {
  it('a manager resets a coordinator’s: secret and codes gone, signed out, audited, told; IT support may not', async () => {
    const { actor: coordinator } = await enrolled();
    const manager = await makeActor('manager');
    const it = await makeActor('admin');
    await expectAppError(resetStaffSecondFactor(it, { id: coordinator.id }), 'forbidden', /Only a program manager/);
    expect(await lastAudit()).toMatchObject({ action: 'staff_user.change_refused', outcome: 'refused' });
    await expectAppError(resetStaffSecondFactor(coordinator, { id: coordinator.id }), 'forbidden');

    await resetStaffSecondFactor(manager, { id: coordinator.id });
    expect(
      await db.staffUser.findUniqueOrThrow({ where: { id: coordinator.id }, select: { totpSecret: true, totpEnrolledAt: true, totpLastStep: true } }),
    ).toEqual({ totpSecret: null, totpEnrolledAt: null, totpLastStep: null });
    expect(await db.staffRecoveryCode.count({ where: { userId: coordinator.id } })).toBe(0);
    expect(await openSessions(coordinator.id)).toBe(0);
    expect(await db.auditEvent.count({ where: { action: 'staff_user.second_factor_reset', entityId: coordinator.id } })).toBe(1);
    expect(await db.staffNotice.count({ where: { recipientId: coordinator.id } })).toBe(1);
  });

  it('a password reset does not get round the second factor: the temporary password still leads to the code first', async () => {
    const { actor } = await enrolled();
    await resetStaffPassword(await makeActor('manager'), { id: actor.id });
    expect((await resolveSession((await passwordOnlySession(actor)).sessionId)).status).toBe('second_factor');
    expect((await ownSecondFactor(actor)).enrolledAt).toEqual(NOW);
  });

  it('IT support resets another IT support account’s', async () => {
    const { actor: other } = await enrolled('admin');
    await resetStaffSecondFactor(await makeActor('admin'), { id: other.id });
    expect((await ownSecondFactor(other)).enrolledAt).toBeNull();
  });
});
