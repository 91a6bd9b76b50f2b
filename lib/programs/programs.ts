import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, isUniqueViolation } from '@/lib/errors.ts';
import { dropUntouchedSessions, generateSessionsIn } from './generate.ts';
import { ClosedDayIdSchema, ClosedDaySchema, parseOrRefuse, PROGRAM_NOT_FOUND, ProgramIdSchema, ProgramSchema, type ProgramInput } from './schema.ts';
import { programNow } from '@/lib/calendar/index.ts';

// Programs and the days every program is closed. Program managers (`program:manage`).

const NAME_TAKEN = 'Another program has that name. Choose another.';
const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

function columns(p: ProgramInput) {
  return {
    name: p.name,
    description: p.description,
    partner: p.partner,
    frequency: p.frequency,
    weekday: p.weekday,
    startMin: p.start,
    endMin: p.end,
    activeFrom: asDate(p.activeFrom),
    activeTo: p.activeTo ? asDate(p.activeTo) : null,
  };
}

/** Adds a program and generates its coming sessions. Program managers (`program:manage`). */
export async function createProgram(actor: Actor, input: unknown): Promise<{ id: string }> {
  assertCan(actor, 'program:manage');
  const data = parseOrRefuse(ProgramSchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const { id } = await tx.program.create({ data: columns(data), select: { id: true } });
      const generated = await generateSessionsIn(tx, programNow(), id);
      await recordAudit(tx, actor, 'program.created', { entityType: 'program', entityId: id, details: { generated } });
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', NAME_TAKEN, 'name');
    throw error;
  }
}

/**
 * Changes a program. Future sessions nobody has touched are laid out again from the new schedule
 * and dates; recorded, cancelled, moved and one-off sessions stay as they are. Program managers.
 */
export async function updateProgram(actor: Actor, input: unknown): Promise<{ changed: string[] }> {
  assertCan(actor, 'program:manage');
  const { id } = parseOrRefuse(ProgramIdSchema, input);
  const data = parseOrRefuse(ProgramSchema, input);
  const now = programNow();
  try {
    return await db.$transaction(async (tx) => {
      const before = await tx.program.findUnique({
        where: { id },
        select: {
          name: true,
          description: true,
          partner: true,
          frequency: true,
          weekday: true,
          startMin: true,
          endMin: true,
          activeFrom: true,
          activeTo: true,
        },
      });
      if (!before) throw new AppError('not_found', PROGRAM_NOT_FOUND);
      const next = columns(data);
      const changed = (Object.keys(next) as (keyof typeof next)[]).filter(
        (k) =>
          String(before[k] instanceof Date ? (before[k] as Date).getTime() : before[k]) !==
          String(next[k] instanceof Date ? (next[k] as Date).getTime() : next[k]),
      );
      if (changed.length === 0) return { changed };
      await tx.program.update({ where: { id }, data: next, select: { id: true } });
      const scheduleChanged = changed.some((k) => !['name', 'description', 'partner'].includes(k));
      const dropped = scheduleChanged ? await dropUntouchedSessions(tx, now, { programId: id }) : 0;
      const generated = scheduleChanged ? await generateSessionsIn(tx, now, id) : 0;
      await recordAudit(tx, actor, 'program.updated', { entityType: 'program', entityId: id, details: { changed, dropped, generated } });
      return { changed };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', NAME_TAKEN, 'name');
    throw error;
  }
}

/** Closes every program on a day (a holiday): its untouched sessions go, none is generated. Program managers. */
export async function addClosedDay(actor: Actor, input: unknown): Promise<{ dropped: number }> {
  assertCan(actor, 'program:manage');
  const { day, reason } = parseOrRefuse(ClosedDaySchema, input);
  try {
    return await db.$transaction(async (tx) => {
      // Waits for page views generating sessions (they share-lock the programs), and makes later ones wait for this.
      await tx.$queryRaw`SELECT id FROM program ORDER BY id FOR NO KEY UPDATE`;
      await tx.programClosedDay.create({ data: { day: asDate(day), reason }, select: { day: true } });
      const dropped = await dropUntouchedSessions(tx, programNow(), { day });
      await recordAudit(tx, actor, 'program_closed_day.created', { entityType: 'program_closed_day', entityId: day, details: { dropped } });
      return { dropped };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', 'That day is already closed.', 'day');
    throw error;
  }
}

/** Opens a closed day again; its sessions come back at the next generation. Program managers. */
export async function removeClosedDay(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'program:manage');
  const { day } = parseOrRefuse(ClosedDayIdSchema, input);
  await db.$transaction(async (tx) => {
    const { count } = await tx.programClosedDay.deleteMany({ where: { day: asDate(day) } });
    if (count === 0) throw new AppError('not_found', 'That closed day was not found. Reload the page.');
    await generateSessionsIn(tx, programNow());
    await recordAudit(tx, actor, 'program_closed_day.removed', { entityType: 'program_closed_day', entityId: day });
  });
}
