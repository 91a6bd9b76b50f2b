import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Tx } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { type Kind } from './slots.ts';
import { localDay } from '@/lib/calendar/index.ts';

// A checked-in shower or laundry booking is that service in the person's visit of the day, so
// the desk never enters it twice: the day's visit gets the service (if it lacks it), or a visit
// with that service is logged. Anonymous bookings add nothing: an anonymous visit is its own
// entry at the desk, and nothing ties the ticket to it.

export type VisitLink = { visitId: string; created: boolean; added: boolean };

/**
 * Inside the check-in transaction: finds the participant's non-voided visit today (program day)
 * and adds the booking's service type (service_type.key = 'shower' | 'laundry'), or logs a visit
 * with it. Null when the booking is anonymous, the record is closed (de-identified or merged),
 * or the service type is missing or no longer offered.
 */
export async function countBookingInVisit(
  tx: Tx,
  actor: Actor,
  booking: { id: string; participantId: string | null; kind: Kind },
  now: Date,
): Promise<VisitLink | null> {
  const participantId = booking.participantId;
  if (!participantId) return null;
  // The same lock logVisit takes: a visit logged at the desk at this moment is seen, not doubled.
  const [person] = await tx.$queryRaw<{ refusal: string | null }[]>`SELECT lock_open_participant(${participantId}::uuid) AS refusal`;
  if (!person || person.refusal) return null;
  const type = await tx.serviceType.findUnique({ where: { key: booking.kind }, select: { id: true, active: true } });
  if (!type?.active) return null;
  const day = localDay(now);
  const [visit] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id::text AS id FROM visit
    WHERE participant_id = ${participantId}::uuid AND visit_date = ${day}::date AND voided_at IS NULL
    ORDER BY visited_at DESC, id LIMIT 1 FOR UPDATE`;
  const via = { via: 'booking', bookingId: booking.id };
  if (visit) {
    const added = await tx.$executeRaw`
      INSERT INTO visit_service (visit_id, service_type_id, quantity) VALUES (${visit.id}::uuid, ${type.id}::uuid, 1)
      ON CONFLICT (visit_id, service_type_id) DO NOTHING`;
    if (added) {
      await tx.visit.update({ where: { id: visit.id }, data: { updatedAt: now }, select: { id: true } });
      await recordAudit(tx, actor, 'visit.updated', {
        entityType: 'visit',
        entityId: visit.id,
        details: { fields: ['services'], added: [type.id], removed: [], requantified: [], ...via },
      });
    }
    return { visitId: visit.id, created: false, added: added > 0 };
  }
  const created = await tx.visit.create({
    data: {
      participantId,
      visitedAt: now,
      visitDate: new Date(`${day}T00:00:00Z`),
      idempotencyKey: randomUUID(),
      createdById: actor.id,
      services: { create: [{ serviceTypeId: type.id, quantity: 1 }] },
    },
    select: { id: true },
  });
  await recordAudit(tx, actor, 'visit.logged', {
    entityType: 'visit',
    entityId: created.id,
    details: { participantId, serviceTypeIds: [type.id], backdated: false, ...via },
  });
  return { visitId: created.id, created: true, added: true };
}
