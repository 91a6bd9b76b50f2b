import 'server-only';
import type { Prisma } from '@/lib/db/generated/client.ts';
import type { Tx } from '@/lib/db/client.ts';
import type { Role } from '@/lib/auth/permissions.ts';

/** Who did it: a signed-in staff member, or nobody (failed sign-in, system jobs). */
export type AuditActor = { id: string; role: Role } | null;

export type AuditInput = {
  entityType?: string;
  entityId?: string;
  outcome?: 'ok' | 'refused' | 'failed';
  /** Ids, field names and codes only — never names, aliases, free text or other values. */
  details?: Record<string, string | number | boolean | string[] | null>;
};

/** Writes one audit event inside the caller's transaction, so the change and its record stand or fall together. */
export async function recordAudit(tx: Tx, actor: AuditActor, action: string, input: AuditInput = {}): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor?.id ?? null,
      actorRole: actor?.role ?? null,
      action,
      outcome: input.outcome ?? 'ok',
      entityType: input.entityType ?? null,
      entityId: input.entityId ?? null,
      details: (input.details ?? undefined) as Prisma.InputJsonValue | undefined,
    },
    select: { id: true },
  });
}
