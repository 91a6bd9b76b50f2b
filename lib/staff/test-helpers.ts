// Shared by the staff data-layer tests (not a test file itself).
import { expect } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { AppError } from '@/lib/errors.ts';

/** Asserts a promise rejects with an AppError of this code (and message, when given). */
export async function expectAppError(promise: Promise<unknown>, code: AppError['code'], message?: string | RegExp, field?: string) {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  const e = error as AppError;
  expect(e.code).toBe(code);
  if (message) expect(e.userMessage).toMatch(message);
  if (field !== undefined) expect(e.field).toBe(field);
  return e;
}

export function account(id: string) {
  return db.staffUser.findUniqueOrThrow({
    where: { id },
    select: { role: true, active: true, sessionVersion: true, mustChangePassword: true, passwordHash: true, email: true, displayName: true },
  });
}

export async function auditActions(): Promise<string[]> {
  return (await db.auditEvent.findMany({ orderBy: { id: 'asc' }, select: { action: true } })).map((e) => e.action);
}

export function lastAudit() {
  return db.auditEvent.findFirstOrThrow({
    orderBy: { id: 'desc' },
    select: { action: true, actorId: true, outcome: true, entityType: true, entityId: true, details: true },
  });
}

export async function openSessions(userId: string): Promise<number> {
  return db.authSession.count({ where: { userId, endedAt: null } });
}
