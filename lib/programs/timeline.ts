import 'server-only';
import { db } from '@/lib/db/client.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { TimelineEntry, TimelineSource } from '@/lib/timeline/types.ts';
import { localTime } from '@/lib/calendar/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A participant's program attendance for their profile timeline, at the session's time. Roles that see a person's past (`participant:history`). */
export const attendanceTimelineEntries: TimelineSource = async (actor, participantId) => {
  if (!can(actor, 'participant:history') || !UUID.test(participantId)) return [];
  const rows = await db.attendance.findMany({
    where: { participantId },
    select: { session: { select: { id: true, startsAt: true, program: { select: { name: true } } } } },
    orderBy: { session: { startsAt: 'desc' } },
    take: 500,
  });
  return rows.map(({ session }): TimelineEntry => ({
    at: session.startsAt,
    kind: 'attendance',
    title: `Came to ${session.program.name}`,
    detail: `Session at ${localTime(session.startsAt)}`,
    href: `/programs/sessions/${session.id}`,
  }));
};
