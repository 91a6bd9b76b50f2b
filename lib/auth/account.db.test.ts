import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { changeOwnPassword, lockSession, unlockSession } from './account.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { PASSWORD_MESSAGES } from './password-policy.ts';

// The data layer knows whose password it is, so it is where the name and email are kept out.
describe('changing one’s own password', () => {
  const CURRENT = 'the current passphrase is long';

  async function actor() {
    const a = await makeActor('coordinator', { displayName: 'Robin Ashworth', passwordHash: await hashPassword(CURRENT) });
    await db.staffUser.update({ where: { id: a.id }, data: { email: 'r.ashworth@example.org' } });
    return a;
  }

  it.each([
    ['the person’s name', 'ashworth walks the river path', PASSWORD_MESSAGES.personal],
    ['the email’s local part, l33t', 'R.4shw0rth takes the late bus', PASSWORD_MESSAGES.personal],
    ['a common password dressed up', 'Password123456!', PASSWORD_MESSAGES.common],
    ['the program’s name twice', 'Lantern2026lantern', PASSWORD_MESSAGES.weak],
  ])('refuses %s beside the new-password field and changes nothing', async (_what, next, message) => {
    const me = await actor();
    await expectAppError(changeOwnPassword(me, CURRENT, next, '10.0.0.1'), 'invalid', message, 'newPassword');
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: me.id }, select: { passwordHash: true, sessionVersion: true } });
    expect(await verifyPassword(row.passwordHash, CURRENT)).toBe(true);
    expect(row.sessionVersion).toBe(1);
  });

  it('accepts a long passphrase', async () => {
    const me = await actor();
    await changeOwnPassword(me, CURRENT, 'seven purple otters juggle quietly', '10.0.0.1');
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: me.id }, select: { passwordHash: true } });
    expect(await verifyPassword(row.passwordHash, 'seven purple otters juggle quietly')).toBe(true);
  });
});

describe('the locked screen and the current-password check count like sign-in failures', () => {
  const PASSWORD = 'the current passphrase is long';
  const t0 = new Date('2027-03-14T17:00:00Z');
  const at = (s: number) => new Date(t0.getTime() + s * 1000);

  it('five wrong passwords at the locked screen, then even the right one waits; the session stays locked', async () => {
    const me = await makeActor('peer', { passwordHash: await hashPassword(PASSWORD) });
    await lockSession(me);
    for (let i = 0; i < 5; i++)
      await expectAppError(unlockSession(me, `wrong guess ${i}`, '10.6.0.1', at(i)), 'invalid', 'That password is not right.', 'password');
    await expectAppError(unlockSession(me, PASSWORD, '10.6.0.1', at(5)), 'throttled', 'Too many wrong passwords. Wait 29 seconds, then try again.', 'password');
    expect((await db.authSession.findUniqueOrThrow({ where: { id: me.sessionId }, select: { lockedAt: true } })).lockedAt).not.toBeNull();
    // The current-password check on the change-password form shares the same count.
    await expectAppError(
      changeOwnPassword(me, PASSWORD, 'seven purple otters juggle quietly', '10.6.0.1', at(6)),
      'throttled',
      /Wait 28 seconds/,
      'currentPassword',
    );
    await unlockSession(me, PASSWORD, '10.6.0.1', at(40));
    expect((await db.authSession.findUniqueOrThrow({ where: { id: me.sessionId }, select: { lockedAt: true } })).lockedAt).toBeNull();
    expect(await db.auditEvent.count({ where: { action: 'session.unlock_failed' } })).toBe(5);
  });

  it('wrong current passwords count too, and are audited', async () => {
    const me = await makeActor('peer', { passwordHash: await hashPassword(PASSWORD) });
    for (let i = 0; i < 5; i++) {
      await expectAppError(
        changeOwnPassword(me, `wrong guess ${i}`, 'seven purple otters juggle quietly', '10.7.0.1', at(i)),
        'invalid',
        /current password is not right/,
        'currentPassword',
      );
    }
    await expectAppError(changeOwnPassword(me, PASSWORD, 'seven purple otters juggle quietly', '10.7.0.1', at(5)), 'throttled', /Wait 29 seconds/);
    expect(await db.auditEvent.count({ where: { action: 'staff_user.password_check_failed' } })).toBe(5);
  });
});
