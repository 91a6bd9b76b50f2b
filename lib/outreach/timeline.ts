import 'server-only';
import { readContactVoidReason } from './void-reason.ts';
import { db } from '@/lib/db/client.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { TimelineEntry, TimelineSource } from '@/lib/timeline/types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "Outreach contact: Talk, Supplies · Naloxone kit ×1 (+2 for others)". */
export function contactTitle(kinds: string[], supplies: { name: string; quantity: number; forOthers: number }[]): string {
  const given = supplies.map((s) => `${s.name} ×${s.quantity}${s.forOthers ? ` (+${s.forOthers} for others)` : ''}`);
  return [`Outreach contact${kinds.length ? `: ${kinds.join(', ')}` : ''}`, ...given].join(' · ');
}

/**
 * A participant's outreach contacts for their profile timeline: street (the zone) or online, who
 * recorded it, voided ones muted with their reason. Roles with `outreach:read`; [] for everyone
 * else (peers see no outreach).
 */
export const outreachTimelineEntries: TimelineSource = async (actor, participantId) => {
  if (!can(actor, 'outreach:read') || !UUID.test(participantId)) return [];
  const contacts = await db.outreachContact.findMany({
    where: { participantId },
    select: {
      id: true,
      contactedAt: true,
      voidedAt: true,
      voidReasonEnc: true,
      createdBy: { select: { displayName: true } },
      shift: { select: { mode: true, zone: { select: { name: true } } } },
      kinds: { select: { kind: { select: { name: true, sortOrder: true } } } },
      supplies: { select: { quantity: true, forOthers: true, serviceType: { select: { name: true, sortOrder: true } } } },
    },
    orderBy: [{ contactedAt: 'desc' }, { id: 'desc' }],
    take: 500,
  });
  return contacts.map((c): TimelineEntry => {
    const kinds = [...c.kinds].sort((a, b) => a.kind.sortOrder - b.kind.sortOrder).map((k) => k.kind.name);
    const supplies = [...c.supplies]
      .sort((a, b) => a.serviceType.sortOrder - b.serviceType.sortOrder)
      .map((s) => ({ name: s.serviceType.name, quantity: s.quantity, forOthers: s.forOthers }));
    const where = c.shift.mode === 'street' ? `Street outreach, ${c.shift.zone?.name ?? ''}` : 'Online outreach';
    return {
      at: c.contactedAt,
      kind: 'outreach',
      title: contactTitle(kinds, supplies),
      detail: c.voidedAt ? `Voided: ${readContactVoidReason(c.id, c.voidReasonEnc)}` : `${where}. By ${c.createdBy.displayName}.`,
      ...(c.voidedAt ? { muted: true } : {}),
    };
  });
};
