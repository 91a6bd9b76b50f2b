import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, dbErrorCode } from '@/lib/errors.ts';
import { blockedUntil, HOLDING, nextFreeStart, overlapMessage, type StayStatus } from './rules.ts';
import { STAY_NOT_FOUND } from './schema.ts';

// Shared by the stay mutations: locking a stay, explaining the exclusion constraint's refusal,
// and offering a freed unit to the first request that now fits.

export { TX_OPTIONS } from '@/lib/db/client.ts';

export type LockedStay = {
  id: string;
  unitId: string;
  unitName: string;
  participantId: string;
  status: StayStatus;
  startAt: Date;
  endAt: Date;
  turnoverMinutes: number;
  blockedUntil: Date;
};

/** Locks one stay for the transaction. */
export async function lockStay(tx: Tx, id: string): Promise<LockedStay> {
  const [row] = await tx.$queryRaw<LockedStay[]>`
    SELECT s.id::text AS id, s.unit_id::text AS "unitId", u.name AS "unitName", s.participant_id::text AS "participantId",
           s.status::text AS status, s.start_at AS "startAt", s.end_at AS "endAt", s.turnover_minutes AS "turnoverMinutes",
           s.blocked_until AS "blockedUntil"
    FROM stay s JOIN suite_unit u ON u.id = s.unit_id WHERE s.id = ${id}::uuid FOR UPDATE OF s`;
  if (!row) throw new AppError('not_found', STAY_NOT_FOUND);
  return row;
}

/** Whether an error is the stay_no_overlap exclusion constraint refusing a row. */
export function isOverlap(error: unknown): boolean {
  const code = dbErrorCode(error);
  return code === '23P01' || code === 'P2039' || String((error as Error)?.message ?? '').includes('stay_no_overlap');
}

type Wanted = { unitId: string; unitName: string; startAt: Date; endAt: Date; turnoverMinutes: number; exceptStayId?: string };

/** The plain refusal for a stay that overlaps others: what it clashes with, and when a stay this long fits next. */
export async function overlapError(w: Wanted, field?: string): Promise<AppError> {
  const holds = await db.stay.findMany({
    where: { unitId: w.unitId, status: { in: [...HOLDING] }, blockedUntil: { gt: w.startAt }, ...(w.exceptStayId ? { id: { not: w.exceptStayId } } : {}) },
    select: { startAt: true, blockedUntil: true },
    orderBy: { startAt: 'asc' },
  });
  const until = blockedUntil(w.endAt, w.turnoverMinutes);
  const clash = holds.find((h) => h.startAt.getTime() < until.getTime() && h.blockedUntil.getTime() > w.startAt.getTime());
  const free = nextFreeStart(holds, w.startAt, w.endAt.getTime() - w.startAt.getTime(), w.turnoverMinutes);
  return new AppError('conflict', overlapMessage(w.unitName, clash, free), field);
}

/**
 * A unit came free (a cancellation, a decline, an early check-out): the first request waiting for
 * it, in the order made, whose dates now fit is offered (shown as an offer on the suite page).
 */
export async function offerFreedUnit(tx: Tx, actor: Actor | null, unitId: string, now: Date): Promise<string | null> {
  const [offered] = await tx.$queryRaw<{ id: string }[]>`
    UPDATE stay SET offered_at = ${now}
    WHERE id = (
      SELECT r.id FROM stay r
      WHERE r.unit_id = ${unitId}::uuid AND r.status = 'requested' AND r.offered_at IS NULL AND r.end_at > ${now}
        AND NOT EXISTS (
          SELECT 1 FROM stay h WHERE h.unit_id = r.unit_id AND h.status IN ('confirmed', 'checked_in', 'checked_out')
            AND tstzrange(h.start_at, h.blocked_until) && tstzrange(r.start_at, r.blocked_until))
      ORDER BY r.created_at, r.id LIMIT 1 FOR UPDATE SKIP LOCKED)
    RETURNING id::text AS id`;
  if (!offered) return null;
  await recordAudit(tx, actor, 'stay.offered', { entityType: 'stay', entityId: offered.id, details: { unitId } });
  return offered.id;
}
