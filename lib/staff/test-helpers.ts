// Shared by the staff data-layer tests (not a test file itself).
import { db } from '@/lib/db/client.ts';

export { expectAppError } from '@/lib/db/test/factories.ts';

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
