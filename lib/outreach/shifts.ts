import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import { MATRIX } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, notFound } from '@/lib/errors.ts';
import { answerReplay, checkOptions } from './entries.ts';
import { refusingPlainly } from './refusals.ts';
import { entryTimeProblem, shiftEndProblem, voidProblem } from './rules.ts';
import {
  EndShiftSchema,
  parseOrRefuse,
  PLATFORM_NOT_IN_LIST,
  SHIFT_ALREADY_ENDED,
  SHIFT_VOIDED,
  STAFF_NOT_FOUND,
  VoidSchema,
  ZONE_NOT_IN_LIST,
} from './schema.ts';
import { StartShiftSchema } from './schema.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

// Outreach shifts: started (or recorded whole) from the phone, ended once, voided with a reason.
// The id is made on the phone, so the same shift sent again from an offline queue is stored once.

const ON_SHIFT_ROLES: readonly string[] = MATRIX['outreach:log'];

async function checkStaff(tx: Tx, ids: string[]): Promise<void> {
  const found = await tx.staffUser.findMany({ where: { id: { in: ids }, active: true }, select: { role: true } });
  if (found.length !== ids.length || found.some((s) => !ON_SHIFT_ROLES.includes(s.role))) throw new AppError('invalid', STAFF_NOT_FOUND, 'staffIds');
}

/**
 * Starts a shift now (or at the phone's time when it was queued offline), street in a zone or online
 * on platforms, with the one recording it and anyone else who went. With `endedAt` it records a whole
 * shift. The same id sent again returns `duplicate: true` and writes nothing. Outreach workers,
 * coordinators and managers (`outreach:log`).
 */
export async function startShift(actor: Actor, input: unknown, now = programNow()): Promise<{ shiftId: string; duplicate: boolean }> {
  assertCan(actor, 'outreach:log');
  const v = parseOrRefuse(StartShiftSchema, input);
  const startedAt = v.startedAt ?? now;
  const problem = entryTimeProblem(startedAt, now, 'start');
  if (problem) throw new AppError('invalid', problem, 'startedAt');
  if (v.endedAt) {
    const endProblem = shiftEndProblem(startedAt, v.endedAt) ?? entryTimeProblem(v.endedAt, now, 'end');
    if (endProblem) throw new AppError('invalid', endProblem, 'endedAt');
  }
  const staffIds = [...new Set([actor.id, ...v.staffIds])];
  const zoneId = v.mode === 'street' ? v.zoneId! : null;
  const platformIds = v.mode === 'online' ? [...new Set(v.platformIds)] : [];
  return refusingPlainly(() =>
    db.$transaction(async (tx) => {
      if (await answerReplay(tx, 'outreach_shift', v.id, actor)) return { shiftId: v.id, duplicate: true };
      if (zoneId) await checkOptions(tx, 'zone', [zoneId], 'zoneId', ZONE_NOT_IN_LIST);
      await checkOptions(tx, 'platform', platformIds, 'platformIds', PLATFORM_NOT_IN_LIST);
      await checkStaff(tx, staffIds);
      // The primary key decides between two sends of the same shift at once, not the look-up above.
      const inserted = await tx.$queryRaw<{ id: string }[]>`
      INSERT INTO outreach_shift (id, mode, zone_id, started_at, ended_at, started_on, created_by_id)
      VALUES (${v.id}::uuid, ${v.mode}::"OutreachMode", ${zoneId}::uuid, ${startedAt}, ${v.endedAt ?? null}::timestamptz,
              ${localDay(startedAt)}::date, ${actor.id}::uuid)
      ON CONFLICT (id) DO NOTHING RETURNING id::text`;
      if (!inserted.length) {
        await answerReplay(tx, 'outreach_shift', v.id, actor);
        return { shiftId: v.id, duplicate: true };
      }
      await tx.outreachShiftStaff.createMany({ data: staffIds.map((staffId) => ({ shiftId: v.id, staffId })) });
      if (platformIds.length) await tx.outreachShiftPlatform.createMany({ data: platformIds.map((platformId) => ({ shiftId: v.id, platformId })) });
      await recordAudit(tx, actor, 'outreach_shift.started', {
        entityType: 'outreach_shift',
        entityId: v.id,
        details: { mode: v.mode, zoneId, platformIds, staffIds, ended: !!v.endedAt },
      });
      return { shiftId: v.id, duplicate: false };
    }),
  );
}

type LockedShift = { startedAt: Date; endedAt: Date | null; voidedAt: Date | null; createdById: string; lastContactAt: Date | null; liveContacts: number };

async function lockShift(tx: Tx, id: string): Promise<LockedShift> {
  const [row] = await tx.$queryRaw<LockedShift[]>`
    SELECT s.started_at AS "startedAt", s.ended_at AS "endedAt", s.voided_at AS "voidedAt", s.created_by_id::text AS "createdById",
           (SELECT max(c.contacted_at) FROM outreach_contact c WHERE c.shift_id = s.id) AS "lastContactAt",
           (SELECT count(*)::int FROM outreach_contact c WHERE c.shift_id = s.id AND c.voided_at IS NULL) AS "liveContacts"
    FROM outreach_shift s WHERE s.id = ${id}::uuid FOR UPDATE OF s`;
  if (!row) throw notFound('That shift');
  return row;
}

/**
 * Ends a shift now (or at the queued time). Ending it again at the same time is the same entry sent
 * twice and is accepted; at another time it is refused. Outreach workers, coordinators, managers.
 */
export async function endShift(actor: Actor, input: unknown, now = programNow()): Promise<{ duplicate: boolean }> {
  assertCan(actor, 'outreach:log');
  const { shiftId, endedAt: given } = parseOrRefuse(EndShiftSchema, input);
  const endedAt = given ?? now;
  return refusingPlainly(
    () =>
      db.$transaction(async (tx) => {
        const shift = await lockShift(tx, shiftId);
        if (shift.voidedAt) throw new AppError('conflict', SHIFT_VOIDED);
        if (shift.endedAt) {
          if (given && shift.endedAt.getTime() === given.getTime()) return { duplicate: true };
          throw new AppError('conflict', SHIFT_ALREADY_ENDED);
        }
        const problem = shiftEndProblem(shift.startedAt, endedAt) ?? entryTimeProblem(endedAt, now, 'end');
        if (problem) throw new AppError('invalid', problem, 'endedAt');
        if (shift.lastContactAt && shift.lastContactAt > endedAt) {
          throw new AppError('invalid', 'A contact on this shift is later than this end. Check the end time.', 'endedAt');
        }
        await tx.outreachShift.update({ where: { id: shiftId }, data: { endedAt }, select: { id: true } });
        await recordAudit(tx, actor, 'outreach_shift.ended', { entityType: 'outreach_shift', entityId: shiftId });
        return { duplicate: false };
      }),
    { outreach_contact_in_shift: 'endedAt' },
  );
}

/** Voids a mistaken shift with a reason (its contacts first). Its author, a coordinator or a manager (`outreach:log`). */
export async function voidShift(actor: Actor, input: unknown, now = programNow()): Promise<void> {
  assertCan(actor, 'outreach:log');
  const { id, reason } = parseOrRefuse(VoidSchema, input);
  await db.$transaction(async (tx) => {
    const shift = await lockShift(tx, id);
    const problem = voidProblem(actor, shift);
    if (problem) throw new AppError('forbidden', problem);
    if (shift.voidedAt) throw new AppError('conflict', 'This shift is already voided.');
    if (shift.liveContacts) throw new AppError('conflict', 'This shift has contacts. Void them first, then the shift.');
    await tx.outreachShift.update({ where: { id }, data: { voidedAt: now, voidedById: actor.id, voidReason: reason }, select: { id: true } });
    // The reason is free text and may name someone: it stays on the shift, not in the audit log.
    await recordAudit(tx, actor, 'outreach_shift.voided', { entityType: 'outreach_shift', entityId: id });
  });
}
