import 'server-only';
import { db } from '@/lib/db/client.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { TimelineEntry, TimelineSource } from '@/lib/timeline/types.ts';
import { STATUS_LABELS } from './labels.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "Made a report" on the reporter's own timeline, on the day it was received, with no detail of
 * what happened. Only for reviewers (`alert:review`), who already see who reported: to anyone
 * else the line itself would tell that this person made a report. [] for everyone else.
 */
export const alertTimelineEntries: TimelineSource = async (actor, participantId) => {
  if (!can(actor, 'alert:review') || !UUID.test(participantId)) return [];
  const reports = await db.alertReport.findMany({
    where: { reporterId: participantId },
    select: { id: true, createdAt: true, status: true },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 200,
  });
  return reports.map((r): TimelineEntry => ({
    at: r.createdAt,
    kind: 'alert',
    title: 'Made a bad date report',
    detail: `Status: ${STATUS_LABELS[r.status].toLowerCase()}.`,
    href: `/alerts/reports/${r.id}`,
    ...(r.status === 'withdrawn' ? { muted: true } : {}),
  }));
};
