import 'server-only';
import type { z } from 'zod';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import type { Role } from '@/lib/auth/permissions.ts';
import { generateTemporaryPassword, hashPassword } from '@/lib/auth/password.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, isUniqueViolation } from '@/lib/errors.ts';
import { assertStaffChange, type AccountRow, type StaffChange } from './rules.ts';
import { ChangeRoleSchema, CreateStaffSchema, StaffIdSchema } from './schema.ts';
import { programNow } from '@/lib/calendar/index.ts';

// Writes to staff accounts. Each runs in one transaction with its audit row. Role changes,
// deactivation and password resets bump the account's sessionVersion and end its sessions, so
// the person is signed out at their next request. Temporary passwords are returned once to the
// caller and never stored, logged or audited in plain text.

/** The data layer validates too: a caller that skipped the form's schema still gets a plain refusal. */
function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw new AppError('invalid', issue.message, issue.path.length ? String(issue.path[0]) : undefined);
}

/**
 * Locks, in id order (so concurrent calls cannot deadlock), the acting account, the target and
 * every active admin. A concurrent change to any of them waits for this transaction, and then
 * sees its result: two admins deactivating each other at once cannot both succeed.
 */
async function lockAccounts(tx: Tx, actorId: string, targetId: string) {
  const rows = await tx.$queryRaw<AccountRow[]>`
    SELECT id::text AS id, role::text AS role, active FROM staff_user
    WHERE id IN (${actorId}::uuid, ${targetId}::uuid) OR (role = 'admin' AND active)
    ORDER BY id FOR UPDATE`;
  return {
    actor: rows.find((r) => r.id === actorId),
    target: rows.find((r) => r.id === targetId),
    activeAdmins: rows.filter((r) => r.role === 'admin' && r.active).length,
  };
}

async function endSessions(tx: Tx, userId: string): Promise<void> {
  await tx.authSession.updateMany({ where: { userId, endedAt: null }, data: { endedAt: programNow() } });
}

/** Applies one checked change to an existing account, with its audit event. */
async function change(actor: Actor, id: string, what: Exclude<StaffChange, { kind: 'create' }>, apply: (tx: Tx, target: AccountRow) => Promise<void>) {
  await db.$transaction(async (tx) => {
    const locked = await lockAccounts(tx, actor.id, id);
    assertStaffChange(locked.actor, locked.target, what, locked.activeAdmins);
    await apply(tx, locked.target!);
  });
}

/** Creates an account with a one-time temporary password. Managers and IT support (`staff:manage`); only IT support creates admins. */
export async function createStaffUser(actor: Actor, input: unknown): Promise<{ id: string; temporaryPassword: string }> {
  assertCan(actor, 'staff:manage');
  const data = parse(CreateStaffSchema, input);
  const temporaryPassword = generateTemporaryPassword();
  const passwordHash = await hashPassword(temporaryPassword);
  try {
    const id = await db.$transaction(async (tx) => {
      const locked = await lockAccounts(tx, actor.id, actor.id);
      assertStaffChange(locked.actor, undefined, { kind: 'create', role: data.role }, locked.activeAdmins);
      const user = await tx.staffUser.create({ data: { ...data, passwordHash, mustChangePassword: true }, select: { id: true } });
      await recordAudit(tx, actor, 'staff_user.created', { entityType: 'staff_user', entityId: user.id, details: { role: data.role } });
      return user.id;
    });
    return { id, temporaryPassword };
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'An account with this email already exists.', 'email');
    throw error;
  }
}

/** Gives an account another role; its sessions end. Managers and IT support (`staff:manage`), never on themselves. */
export async function changeStaffRole(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'staff:manage');
  const { id, role } = parse(ChangeRoleSchema, input);
  await change(actor, id, { kind: 'role', to: role }, async (tx, target) => {
    await tx.staffUser.update({ where: { id }, data: { role, sessionVersion: { increment: 1 } }, select: { id: true } });
    await endSessions(tx, id);
    const details: Record<string, Role> = { from: target.role, to: role };
    await recordAudit(tx, actor, 'staff_user.role_changed', { entityType: 'staff_user', entityId: id, details });
  });
}

/** Deactivates an account and ends its sessions. Managers and IT support (`staff:manage`), never on themselves. */
export async function deactivateStaffUser(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'staff:manage');
  const { id } = parse(StaffIdSchema, input);
  await change(actor, id, { kind: 'deactivate' }, async (tx) => {
    await tx.staffUser.update({ where: { id }, data: { active: false, sessionVersion: { increment: 1 } }, select: { id: true } });
    await endSessions(tx, id);
    await recordAudit(tx, actor, 'staff_user.deactivated', { entityType: 'staff_user', entityId: id });
  });
}

/** Lets a deactivated account sign in again. Managers and IT support (`staff:manage`). */
export async function reactivateStaffUser(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'staff:manage');
  const { id } = parse(StaffIdSchema, input);
  await change(actor, id, { kind: 'reactivate' }, async (tx) => {
    await tx.staffUser.update({ where: { id }, data: { active: true }, select: { id: true } });
    await recordAudit(tx, actor, 'staff_user.reactivated', { entityType: 'staff_user', entityId: id });
  });
}

/** Replaces an account's password with a one-time temporary one; its sessions end. Managers and IT support (`staff:manage`). */
export async function resetStaffPassword(actor: Actor, input: unknown): Promise<{ temporaryPassword: string }> {
  assertCan(actor, 'staff:manage');
  const { id } = parse(StaffIdSchema, input);
  const temporaryPassword = generateTemporaryPassword();
  // Hashing is slow on purpose; do it before taking the locks.
  const passwordHash = await hashPassword(temporaryPassword);
  await change(actor, id, { kind: 'reset_password' }, async (tx) => {
    await tx.staffUser.update({ where: { id }, data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } }, select: { id: true } });
    await endSessions(tx, id);
    await recordAudit(tx, actor, 'staff_user.password_reset', { entityType: 'staff_user', entityId: id });
  });
  return { temporaryPassword };
}
