import { randomUUID } from 'node:crypto';
import type { PrismaClient, StayStatus } from '../../lib/db/generated/client.ts';
import { encryptField } from '../../lib/crypto/fields.ts';
import { addDays, atLocal, localDay, programNow } from '../../lib/calendar/index.ts';

// Demo Safe Suite: one unit; stays over the last month (checked out, one cut short, one cancelled,
// one that never arrived), a guest in the suite now with welfare checks every two hours and a
// handover note, a stay confirmed for later this week, and a request waiting behind it.
// Log text is encrypted as the app does; without ENCRYPTION_KEY the entries carry no text.

const TURNOVER = 180;
const H = 3_600_000;

type Plan = { from: number; to: number; status: StayStatus; outAt?: number };

// Days relative to today; arrivals at 15:00, departures at 11:00.
const PLANS: Plan[] = [
  { from: -26, to: -24, status: 'checked_out' },
  { from: -19, to: -16, status: 'checked_out' },
  { from: -13, to: -11, status: 'cancelled' },
  { from: -9, to: -7, status: 'checked_out', outAt: -8 },
  { from: -5, to: -4, status: 'no_show' },
  { from: -1, to: 1, status: 'checked_in' },
  { from: 3, to: 5, status: 'confirmed' },
  { from: 4, to: 6, status: 'requested' },
];

const NOTES = ['Resting, asked for tea', 'Sleeping, door checked', 'Watching TV, all fine', 'Had a shower and a meal'];

export async function seedSuite(db: PrismaClient, now = programNow()): Promise<void> {
  const today = localDay(now);
  const unit = await db.suiteUnit.create({ data: { name: 'Suite 1' }, select: { id: true } });
  const staff = await db.staffUser.findMany({
    where: { role: { in: ['outreach', 'coordinator'] }, active: true },
    select: { id: true },
    orderBy: { email: 'asc' },
  });
  const people = await db.participant.findMany({
    where: { deidentifiedAt: null, mergedIntoId: null, alias: { not: null } },
    select: { id: true },
    orderBy: { code: 'asc' },
    take: 40,
  });
  const canEncrypt = !!process.env.ENCRYPTION_KEY;
  for (const [i, plan] of PLANS.entries()) {
    const startAt = atLocal(addDays(today, plan.from), 15 * 60);
    const booked = atLocal(addDays(today, plan.to), 11 * 60);
    const endAt = plan.outAt !== undefined ? atLocal(addDays(today, plan.outAt), 10 * 60) : booked;
    const by = staff[i % staff.length]!.id;
    const taken = plan.status === 'checked_in' || plan.status === 'checked_out';
    const id = randomUUID();
    await db.stay.create({
      data: {
        id,
        unitId: unit.id,
        participantId: people[(i * 7) % people.length]!.id,
        status: plan.status,
        startAt,
        endAt,
        turnoverMinutes: TURNOVER,
        blockedUntil: new Date(endAt.getTime() + TURNOVER * 60_000),
        startDay: new Date(`${localDay(startAt)}T00:00:00Z`),
        endDay: new Date(`${localDay(endAt)}T00:00:00Z`),
        idempotencyKey: randomUUID(),
        createdById: by,
        createdAt: new Date(startAt.getTime() - 2 * 86_400_000 + i * 60_000),
        confirmedAt: plan.status === 'requested' ? null : new Date(startAt.getTime() - 86_400_000),
        checkedInAt: taken ? new Date(startAt.getTime() + 10 * 60_000) : null,
        checkedOutAt: plan.status === 'checked_out' ? endAt : null,
        closedAt: ['cancelled', 'no_show'].includes(plan.status) ? new Date(startAt.getTime() - (plan.status === 'cancelled' ? 6 * H : -2 * H)) : null,
      },
    });
    if (taken)
      await seedLog(
        db,
        { id, participantId: people[(i * 7) % people.length]!.id },
        startAt,
        plan.status === 'checked_in' ? now : endAt,
        staff.map((s) => s.id),
        canEncrypt,
      );
  }
}

/** Welfare checks every two hours back from 45 minutes before `until` (so the guest in now is not overdue), every fourth a handover. */
async function seedLog(db: PrismaClient, stay: { id: string; participantId: string }, from: Date, until: Date, staffIds: string[], canEncrypt: boolean) {
  const rows = [];
  for (let t = until.getTime() - 45 * 60_000, n = 0; t > from.getTime() + 30 * 60_000; t -= 2 * H, n++) {
    const id = randomUUID();
    const kind = n % 4 === 2 ? 'handover' : 'welfare_check';
    const text = kind === 'handover' ? 'Handover: guest settled, no concerns, supplies restocked' : NOTES[n % NOTES.length]!;
    rows.push({
      id,
      stayId: stay.id,
      participantId: stay.participantId,
      kind: kind as 'handover' | 'welfare_check',
      at: new Date(t),
      staffId: staffIds[n % staffIds.length]!,
      textEnc: canEncrypt ? encryptField(text, `stay_log_entry:${id}:text`) : null,
    });
  }
  await db.stayLogEntry.createMany({ data: rows });
}
