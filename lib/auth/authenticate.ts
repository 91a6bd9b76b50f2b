import 'server-only';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { db } from '@/lib/db/client.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { dummyVerify, verifyPassword } from './password.ts';
import { recordAttempt, throttleKeys, throttleWait } from './throttle.ts';
import { browserRemembered } from './two-factor.ts';
import { programNow } from '@/lib/calendar/index.ts';

export const SignInSchema = z.object({
  email: z.string().trim().toLowerCase().min(3, 'Enter your email.').max(254, 'That email is too long.').email('Enter a valid email.'),
  password: z.string().min(1, 'Enter your password.').max(256, 'That password is too long.'),
});

export type SignInResult =
  { ok: true; userId: string; sessionId: string } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; waitMs: number };

/**
 * Checks an email and password and opens a session. Called only by the sign-in provider.
 * Unknown email, inactive account and wrong password answer alike and take similar time.
 * `rememberToken`: the browser's "remember this browser" cookie, which, while good for this
 * account, stands in for the second factor (two-factor.ts).
 */
export async function authenticate(input: unknown, ip: string, now: Date = programNow(), rememberToken?: string): Promise<SignInResult> {
  const parsed = SignInSchema.safeParse(input);
  if (!parsed.success) return { ok: false, reason: 'invalid' };
  const { email, password } = parsed.data;
  const keys = throttleKeys(email, ip);

  const waitMs = await throttleWait(keys, now);
  if (waitMs > 0) {
    await db.$transaction((tx) => recordAudit(tx, null, 'auth.sign_in_throttled', { outcome: 'refused' }));
    return { ok: false, reason: 'throttled', waitMs };
  }

  const user = await db.staffUser.findUnique({
    where: { email },
    select: { id: true, role: true, active: true, passwordHash: true, sessionVersion: true },
  });
  const passwordOk = user ? await verifyPassword(user.passwordHash, password) : await dummyVerify(password);

  if (!user || !user.active || !passwordOk) {
    await recordAttempt(keys, false, now);
    await db.$transaction((tx) =>
      recordAudit(tx, user ? { id: user.id, role: user.role } : null, 'auth.sign_in_failed', {
        outcome: 'failed',
        entityType: user ? 'staff_user' : undefined,
        entityId: user?.id,
      }),
    );
    return { ok: false, reason: 'invalid' };
  }

  const sessionId = randomUUID();
  const remembered = await browserRemembered(user.id, rememberToken, now);
  await db.$transaction(async (tx) => {
    await tx.authSession.create({
      data: { id: sessionId, userId: user.id, sessionVersion: user.sessionVersion, secondFactorAt: remembered ? now : null },
      select: { id: true },
    });
    await recordAudit(tx, { id: user.id, role: user.role }, 'auth.signed_in', {
      entityType: 'staff_user',
      entityId: user.id,
      ...(remembered ? { details: { secondFactor: 'remembered browser' } } : {}),
    });
  });
  await recordAttempt(keys, true, now);
  return { ok: true, userId: user.id, sessionId };
}
