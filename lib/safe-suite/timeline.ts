import 'server-only';
import { db } from '@/lib/db/client.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { TimelineEntry, TimelineSource } from '@/lib/timeline/types.ts';
import { dayLabel, nightsBetween, STATUS_LABEL } from './rules.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A participant's Safe Suite stays for their profile timeline, at the arrival time; the log's text
 * never shows here. Roles that see stays (`stay:read`); [] for everyone else (peer).
 */
export const stayTimelineEntries: TimelineSource = async (actor, participantId) => {
  if (!can(actor, 'stay:read') || !UUID.test(participantId)) return [];
  const stays = await db.stay.findMany({
    where: { participantId },
    select: { id: true, status: true, startAt: true, endAt: true, unit: { select: { name: true } } },
    orderBy: [{ startAt: 'desc' }, { id: 'desc' }],
    take: 200,
  });
  return stays.map((s): TimelineEntry => {
    const nights = nightsBetween(s.startAt, s.endAt);
    return {
      at: s.startAt,
      kind: 'stay',
      title: `Safe Suite stay: ${STATUS_LABEL[s.status].toLowerCase()}`,
      detail: `${s.unit.name}, ${dayLabel(s.startAt)} to ${dayLabel(s.endAt)} (${nights} ${nights === 1 ? 'night' : 'nights'})`,
      href: `/suite/stays/${s.id}`,
      ...(['cancelled', 'declined', 'no_show', 'requested'].includes(s.status) ? { muted: true } : {}),
    };
  });
};
