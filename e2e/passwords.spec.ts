import { expectNoAxeViolations } from './axe.ts';
import { expect, signIn, test } from './fixtures.ts';

// Issue 17, finding 6: `password123456` was accepted as a new password. The forced change after a
// temporary password uses the same rule as Your account.

test('a new password is refused when common, guessable or personal, and a long passphrase is accepted', async ({ page, createStaff }) => {
  const login = await createStaff({ role: 'peer', mustChangePassword: true });
  await signIn(page, login, '/change-password');
  const newPassword = page.getByLabel('New password', { exact: true });
  const attempt = async (next: string) => {
    await page.getByLabel('Current password').fill(login.password);
    await newPassword.fill(next);
    await page.getByLabel('New password again').fill(next);
    await page.getByRole('button', { name: 'Change password' }).click();
  };

  const REFUSED: [string, string][] = [
    ['password123456', 'That password is too common. Try a few unrelated words.'],
    ['P@ssw0rd2026!', 'That password is too common. Try a few unrelated words.'],
    ['Lantern2026lantern', 'That password would be easy to guess. Try four or more unrelated words.'],
    // createStaff names the person "Test peer <hex>": their name may not be in it.
    [`${login.displayName.split(' ')[2]} river boat lamp`, 'Leave your name and email out of your password.'],
  ];
  for (const [password, message] of REFUSED) {
    await attempt(password);
    await expect(page.getByText(message), password).toBeVisible();
    await expect(page).toHaveURL('/change-password');
  }
  await expectNoAxeViolations(page);

  await attempt('seven purple otters juggle quietly');
  await page.waitForURL('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Hello, ${login.displayName}`);
});
