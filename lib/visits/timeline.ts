import 'server-only';
import { db } from '@/lib/db/client.ts';
import { can } from '@/lib/auth/permissions.ts';
import { serviceLineLabel } from '@/lib/services/schema.ts';
import type { TimelineEntry, TimelineSource } from '@/lib/timeline/types.ts';
import { readVoidReason } from './void-reason.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Drop-in visit: Shower, Meal or food, Naloxone kit ×2", or "Drop-in visit" when nothing was ticked. */
export function visitTitle(lines: { name: string; kind: 'service' | 'supply'; unit: string | null; quantity: number }[]): string {
  return lines.length ? `Drop-in visit: ${lines.map(serviceLineLabel).join(', ')}` : 'Drop-in visit';
}

/**
 * A participant's drop-in visits for their profile timeline, voided ones muted with their reason.
 * Roles that see a person's past (`participant:history`); [] for everyone else, peers included.
 */
export const visitTimelineEntries: TimelineSource = async (actor, participantId) => {
  if (!can(actor, 'participant:history') || !UUID.test(participantId)) return [];
  const visits = await db.visit.findMany({
    where: { participantId },
    select: {
      id: true,
      visitedAt: true,
      voidedAt: true,
      voidReasonEnc: true,
      services: { select: { quantity: true, serviceType: { select: { name: true, kind: true, unit: true, sortOrder: true } } } },
    },
    orderBy: [{ visitedAt: 'desc' }, { id: 'desc' }],
  });
  return visits.map((v): TimelineEntry => {
    const lines = [...v.services].sort((a, b) => a.serviceType.sortOrder - b.serviceType.sortOrder).map((s) => ({ ...s.serviceType, quantity: s.quantity }));
    return {
      at: v.visitedAt,
      kind: 'visit',
      title: visitTitle(lines),
      href: `/visits/${v.id}`,
      ...(v.voidedAt ? { muted: true, detail: `Voided: ${readVoidReason(v.id, v.voidReasonEnc)}` } : {}),
    };
  });
};
