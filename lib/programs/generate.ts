import 'server-only';
import type { Db, Tx } from '@/lib/db/client.ts';
import { generationWindow, plannedSessions, type Schedule } from './rules.ts';
import { addDays, atLocal } from '@/lib/calendar/index.ts';

// Sessions are generated from each program's schedule for the coming weeks: when a program is
// saved and, lazily, whenever the programs pages are shown. Inserting the same scheduled slot twice
// does nothing (unique key on program and scheduled slot), so concurrent page views are harmless.

const dayText = (d: Date) => d.toISOString().slice(0, 10);

export function scheduleOf(p: {
  frequency: Schedule['frequency'];
  weekday: number;
  startMin: number;
  endMin: number;
  activeFrom: Date;
  activeTo: Date | null;
}): Schedule {
  return {
    frequency: p.frequency,
    weekday: p.weekday,
    startMin: p.startMin,
    endMin: p.endMin,
    activeFrom: dayText(p.activeFrom),
    activeTo: p.activeTo ? dayText(p.activeTo) : null,
  };
}

const PROGRAM_SCHEDULE = { id: true, frequency: true, weekday: true, startMin: true, endMin: true, activeFrom: true, activeTo: true } as const;

/**
 * Inserts the missing generated sessions of every program (or one) for the coming weeks; returns
 * how many. The programs' rows are share-locked first, so a schedule change (which drops and lays
 * out sessions again under its row lock) is seen whole: never sessions at the old times after it.
 * Internal: callers check permission.
 */
export async function generateSessions(client: Db, now: Date, programId?: string): Promise<number> {
  return client.$transaction((tx) => generateSessionsIn(tx, now, programId));
}

/** `generateSessions` inside the caller's transaction. */
export async function generateSessionsIn(client: Tx, now: Date, programId?: string): Promise<number> {
  const { from, to } = generationWindow(now);
  const fromDate = new Date(`${from}T00:00:00Z`);
  await client.$queryRaw`SELECT id FROM program WHERE (${programId ?? null}::uuid IS NULL OR id = ${programId ?? null}::uuid)
    AND (active_to IS NULL OR active_to >= ${fromDate}::date) ORDER BY id FOR SHARE`;
  const programs = await client.program.findMany({
    where: { ...(programId ? { id: programId } : {}), OR: [{ activeTo: null }, { activeTo: { gte: fromDate } }] },
    select: PROGRAM_SCHEDULE,
  });
  if (programs.length === 0) return 0;
  const closed = await client.programClosedDay.findMany({
    where: { day: { gte: fromDate, lte: new Date(`${to}T00:00:00Z`) } },
    select: { day: true },
  });
  const closedDays = new Set(closed.map((c) => dayText(c.day)));
  const rows = programs.flatMap((p) =>
    plannedSessions(scheduleOf(p), from, to, closedDays).map((s) => ({
      programId: p.id,
      scheduledFor: s.scheduledFor,
      startsAt: s.startsAt,
      endsAt: s.endsAt,
    })),
  );
  if (rows.length === 0) return 0;
  const { count } = await client.programSession.createMany({ data: rows, skipDuplicates: true });
  return count;
}

/**
 * Removes future generated sessions nobody has touched (still scheduled, not moved, no one counted)
 * of a program, or of every program on one day: before a schedule change or a new closed day, so
 * the next generation lays them out again. Recorded and cancelled sessions stay.
 */
export async function dropUntouchedSessions(tx: Tx, now: Date, where: { programId?: string; day?: string }): Promise<number> {
  const range = where.day ? { gte: atLocal(where.day, 0), lt: atLocal(addDays(where.day, 1), 0) } : { gt: now };
  const candidates = await tx.programSession.findMany({
    where: {
      ...(where.programId ? { programId: where.programId } : {}),
      startsAt: range,
      status: 'scheduled',
      scheduledFor: { not: null },
      anonymousCount: 0,
      attendance: { none: {} },
    },
    select: { id: true, startsAt: true, scheduledFor: true },
  });
  const ids = candidates.filter((s) => s.startsAt > now && s.scheduledFor!.getTime() === s.startsAt.getTime()).map((s) => s.id);
  if (ids.length === 0) return 0;
  const { count } = await tx.programSession.deleteMany({ where: { id: { in: ids }, status: 'scheduled' } });
  return count;
}
