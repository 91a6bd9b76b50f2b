import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { changeOwnPassword } from './account.ts';
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
    await expectAppError(changeOwnPassword(me, CURRENT, next), 'invalid', message, 'newPassword');
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: me.id }, select: { passwordHash: true, sessionVersion: true } });
    expect(await verifyPassword(row.passwordHash, CURRENT)).toBe(true);
    expect(row.sessionVersion).toBe(1);
  });

  it('accepts a long passphrase', async () => {
    const me = await actor();
    await changeOwnPassword(me, CURRENT, 'seven purple otters juggle quietly');
    const row = await db.staffUser.findUniqueOrThrow({ where: { id: me.id }, select: { passwordHash: true } });
    expect(await verifyPassword(row.passwordHash, 'seven purple otters juggle quietly')).toBe(true);
  });
});
