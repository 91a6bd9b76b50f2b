import 'server-only';
import { db } from '@/lib/db/client.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { TimelineEntry, TimelineSource } from '@/lib/timeline/types.ts';
import { CATEGORY_LABELS, STATUS_LABELS } from './rules.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A participant's referrals for their profile timeline: when each was made and each later status
 * change, with who made it. Never the summary or outcome text. Roles with `referral:read`; [] for
 * everyone else (peers see no referrals).
 */
export const referralTimelineEntries: TimelineSource = async (actor, participantId) => {
  if (!can(actor, 'referral:read') || !UUID.test(participantId)) return [];
  const changes = await db.referralStatusChange.findMany({
    where: { referral: { participantId } },
    select: {
      fromStatus: true,
      toStatus: true,
      at: true,
      by: { select: { displayName: true } },
      referral: { select: { id: true, category: true, agency: { select: { name: true } } } },
    },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    take: 500,
  });
  return changes.map((c): TimelineEntry => ({
    at: c.at,
    kind: 'referral',
    title: c.fromStatus === null ? `Referred to ${c.referral.agency.name}` : `Referral ${STATUS_LABELS[c.toStatus].toLowerCase()}`,
    detail: `${CATEGORY_LABELS[c.referral.category]}, ${c.referral.agency.name}. By ${c.by.displayName}.`,
    href: `/referrals/${c.referral.id}`,
  }));
};
