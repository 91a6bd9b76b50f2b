import 'server-only';
import { db } from '@/lib/db/client.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { passwordProblem } from './password-policy.ts';
import type { Actor } from './resolve-session.ts';

// Account actions a signed-in person takes on their own session or account. Any role may call
// them for themselves; they never touch another person's account.

/** Hides the screen: the session stays, but every page answers with the locked screen until the password is given. */
export async function lockSession(actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.authSession.update({ where: { id: actor.sessionId }, data: { lockedAt: new Date() }, select: { id: true } });
    await recordAudit(tx, actor, 'session.locked', { entityType: 'auth_session', entityId: actor.sessionId });
  });
}

/** Unlocks with the account's password; a wrong password counts as a failed sign-in attempt in the audit log. */
export async function unlockSession(actor: Actor, password: string): Promise<void> {
  const user = await db.staffUser.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true } });
  const ok = await verifyPassword(user.passwordHash, password);
  await db.$transaction(async (tx) => {
    if (ok) await tx.authSession.update({ where: { id: actor.sessionId }, data: { lockedAt: null, lastSeenAt: new Date() }, select: { id: true } });
    await recordAudit(tx, actor, ok ? 'session.unlocked' : 'session.unlock_failed', {
      outcome: ok ? 'ok' : 'failed', entityType: 'auth_session', entityId: actor.sessionId,
    });
  });
  if (!ok) throw new AppError('invalid', 'That password is not right.', 'password');
}

/** Ends this browser's session. */
export async function endSession(actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.authSession.updateMany({ where: { id: actor.sessionId, endedAt: null }, data: { endedAt: new Date() } });
    await recordAudit(tx, actor, 'auth.signed_out', { entityType: 'auth_session', entityId: actor.sessionId });
  });
}

/** Ends every session of this account, on every device, including this one. */
export async function signOutEverywhere(actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id: actor.id }, data: { sessionVersion: { increment: 1 } }, select: { id: true } });
    await tx.authSession.updateMany({ where: { userId: actor.id, endedAt: null }, data: { endedAt: new Date() } });
    await recordAudit(tx, actor, 'auth.signed_out_everywhere', { entityType: 'staff_user', entityId: actor.id });
  });
}

/**
 * Changes one's own password (also the forced change after a temporary password). Other
 * sessions of the account end; this one carries on.
 */
export async function changeOwnPassword(actor: Actor, current: string, next: string): Promise<void> {
  const user = await db.staffUser.findUniqueOrThrow({ where: { id: actor.id }, select: { passwordHash: true, sessionVersion: true, email: true, displayName: true } });
  if (!(await verifyPassword(user.passwordHash, current))) {
    throw new AppError('invalid', 'Your current password is not right.', 'currentPassword');
  }
  if (current === next) throw new AppError('invalid', 'Choose a password different from the current one.', 'newPassword');
  // The form checked length, the common list and strength already; only here is the person known.
  const problem = passwordProblem(next, user);
  if (problem) throw new AppError('invalid', problem, 'newPassword');
  const passwordHash = await hashPassword(next);
  await db.$transaction(async (tx) => {
    const version = user.sessionVersion + 1;
    await tx.staffUser.update({ where: { id: actor.id }, data: { passwordHash, mustChangePassword: false, sessionVersion: version }, select: { id: true } });
    await tx.authSession.updateMany({ where: { userId: actor.id, endedAt: null, NOT: { id: actor.sessionId } }, data: { endedAt: new Date() } });
    await tx.authSession.update({ where: { id: actor.sessionId }, data: { sessionVersion: version }, select: { id: true } });
    await recordAudit(tx, actor, 'staff_user.password_changed', { entityType: 'staff_user', entityId: actor.id });
  });
}
