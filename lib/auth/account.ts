import 'server-only';
import { db } from '@/lib/db/client.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { passwordProblem } from './password-policy.ts';
import { recordAttempt, throttleKeys, throttleWait } from './throttle.ts';
import { waitMessage } from './throttle-rules.ts';
import type { Actor } from './resolve-session.ts';
import { programNow } from '@/lib/calendar/index.ts';

// Locking and signing out destroy the session's offline-queue key (lib/outreach/outbox-key.ts):
// whatever a phone still holds sealed to it can no longer be opened by anyone.
const SHRED_OUTBOX_KEY = { outboxKey: null };

// Account actions a signed-in person takes on their own session or account. Any role may call
// them for themselves; they never touch another person's account.

/** Hides the screen: the session stays, but every page answers with the locked screen until the password is given. */
export async function lockSession(actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.authSession.update({ where: { id: actor.sessionId }, data: { lockedAt: programNow(), ...SHRED_OUTBOX_KEY }, select: { id: true } });
    await recordAudit(tx, actor, 'session.locked', { entityType: 'auth_session', entityId: actor.sessionId });
  });
}

/**
 * Checks the account's own password where a signed-in person is asked for it again (the locked
 * screen, the current password). It counts exactly like a sign-in: the same throttle, the same
 * failures, so a shared screen left locked is no easier to guess at than the sign-in page.
 */
async function checkOwnPassword(actor: Actor, password: string, ip: string, field: string, now: Date) {
  const user = await db.staffUser.findUniqueOrThrow({
    where: { id: actor.id },
    select: { passwordHash: true, sessionVersion: true, email: true, displayName: true },
  });
  const keys = throttleKeys(user.email, ip);
  const wait = await throttleWait(keys, now);
  if (wait > 0) {
    await db.$transaction((tx) =>
      recordAudit(tx, actor, 'auth.password_check_throttled', { outcome: 'refused', entityType: 'staff_user', entityId: actor.id }),
    );
    throw new AppError('throttled', waitMessage(wait), field);
  }
  const ok = await verifyPassword(user.passwordHash, password);
  await recordAttempt(keys, ok, now);
  return { ok, user };
}

/** Unlocks with the account's password; a wrong one counts as a failed sign-in (throttle and audit log). */
export async function unlockSession(actor: Actor, password: string, ip: string, now: Date = programNow()): Promise<void> {
  const { ok } = await checkOwnPassword(actor, password, ip, 'password', now);
  await db.$transaction(async (tx) => {
    if (ok) await tx.authSession.update({ where: { id: actor.sessionId }, data: { lockedAt: null, lastSeenAt: programNow() }, select: { id: true } });
    await recordAudit(tx, actor, ok ? 'session.unlocked' : 'session.unlock_failed', {
      outcome: ok ? 'ok' : 'failed',
      entityType: 'auth_session',
      entityId: actor.sessionId,
    });
  });
  if (!ok) throw new AppError('invalid', 'That password is not right.', 'password');
}

/** Ends this browser's session. */
export async function endSession(actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.authSession.updateMany({ where: { id: actor.sessionId, endedAt: null }, data: { endedAt: programNow(), ...SHRED_OUTBOX_KEY } });
    await recordAudit(tx, actor, 'auth.signed_out', { entityType: 'auth_session', entityId: actor.sessionId });
  });
}

/** Ends every session of this account, on every device, including this one. */
export async function signOutEverywhere(actor: Actor): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.staffUser.update({ where: { id: actor.id }, data: { sessionVersion: { increment: 1 } }, select: { id: true } });
    // "Everywhere" includes browsers remembered for the second factor.
    await tx.rememberedBrowser.deleteMany({ where: { userId: actor.id } });
    await tx.authSession.updateMany({ where: { userId: actor.id }, data: SHRED_OUTBOX_KEY });
    await tx.authSession.updateMany({ where: { userId: actor.id, endedAt: null }, data: { endedAt: programNow() } });
    await recordAudit(tx, actor, 'auth.signed_out_everywhere', { entityType: 'staff_user', entityId: actor.id });
  });
}

/**
 * Asks for the account's own password again before a change to how it signs in (new recovery
 * codes, two-step sign-in set up from Your account): ASVS 5.0 7.5.1. Counted like a sign-in.
 */
export async function confirmOwnPassword(actor: Actor, password: string, ip: string, field: string, now: Date = programNow()): Promise<void> {
  if (!password) throw new AppError('invalid', 'Enter your password.', field);
  const { ok } = await checkOwnPassword(actor, password, ip, field, now);
  if (!ok) {
    await db.$transaction((tx) =>
      recordAudit(tx, actor, 'staff_user.password_check_failed', { outcome: 'failed', entityType: 'staff_user', entityId: actor.id }),
    );
    throw new AppError('invalid', 'That password is not right.', field);
  }
}

/**
 * Changes one's own password (also the forced change after a temporary password). Other
 * sessions of the account end; this one carries on.
 */
export async function changeOwnPassword(actor: Actor, current: string, next: string, ip: string, now: Date = programNow()): Promise<void> {
  const { ok, user } = await checkOwnPassword(actor, current, ip, 'currentPassword', now);
  if (!ok) {
    await db.$transaction((tx) =>
      recordAudit(tx, actor, 'staff_user.password_check_failed', { outcome: 'failed', entityType: 'staff_user', entityId: actor.id }),
    );
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
    await tx.authSession.updateMany({ where: { userId: actor.id, endedAt: null, NOT: { id: actor.sessionId } }, data: { endedAt: programNow() } });
    await tx.authSession.update({ where: { id: actor.sessionId }, data: { sessionVersion: version }, select: { id: true } });
    await recordAudit(tx, actor, 'staff_user.password_changed', { entityType: 'staff_user', entityId: actor.id });
  });
}
