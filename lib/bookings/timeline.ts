import 'server-only';
import { db } from '@/lib/db/client.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { TimelineEntry, TimelineSource } from '@/lib/timeline/types.ts';
import { KIND_TITLE, ticketLabel, type BookingStatus } from './rules.ts';
import { localDay, localTime } from '@/lib/calendar/index.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const WHAT: Record<BookingStatus, string> = {
  booked: 'booked',
  checked_in: 'used',
  done: 'used',
  cancelled: 'cancelled',
  no_show: 'missed',
};

/**
 * A participant's shower and laundry bookings for their profile timeline, at the slot's time:
 * used, missed, still booked, and cancelled (muted: kept, not counted). Roles that see a person's
 * past (`participant:history`); [] for everyone else (peers see today's bookings in the bookings panel).
 */
export const bookingTimelineEntries: TimelineSource = async (actor, participantId) => {
  if (!can(actor, 'participant:history') || !UUID.test(participantId)) return [];
  const bookings = await db.booking.findMany({
    where: { participantId },
    select: { kind: true, ticket: true, status: true, slotStart: true, resource: { select: { name: true } } },
    orderBy: [{ slotStart: 'desc' }, { id: 'desc' }],
    take: 500,
  });
  return bookings.map((b): TimelineEntry => ({
    at: b.slotStart,
    kind: 'booking',
    title: `${KIND_TITLE[b.kind]} booking ${WHAT[b.status]}`,
    detail: `${b.resource.name} at ${localTime(b.slotStart)}, ticket ${ticketLabel(b.kind, b.ticket)}`,
    href: `/bookings?day=${localDay(b.slotStart)}`,
    ...(b.status === 'cancelled' ? { muted: true } : {}),
  }));
};
