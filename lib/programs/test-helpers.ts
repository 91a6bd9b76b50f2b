// Shared by the programs data-layer tests (not a test file itself).
import { db } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { addDays, atLocal, isoWeekday, localDay, programNow } from '@/lib/calendar/index.ts';

export { expectAppError, makePerson } from '@/lib/bookings/test-helpers.ts';

const WEEKDAY_LIST = ['1', '2', '3', '4', '5', '6', '7'];

/** A weekly program meeting on today's weekday at 9:00–11:00, active from four weeks ago. */
export function programForm(overrides: Record<string, string> = {}, now = programNow()) {
  const today = localDay(now);
  return {
    name: `Breakfast ${Math.random().toString(36).slice(2, 7)}`,
    description: '',
    partner: 'Nurse',
    frequency: 'weekly',
    weekday: WEEKDAY_LIST[isoWeekday(today) - 1]!,
    start: '9:00',
    end: '11:00',
    activeFrom: addDays(today, -28),
    activeTo: '',
    ...overrides,
  };
}

/** A session of a program on a program date (inserted directly, e.g. in the past). */
export async function makeSession(
  programId: string,
  day: string,
  opts: { startMin?: number; status?: 'scheduled' | 'held' | 'cancelled'; anonymousCount?: number } = {},
) {
  const startMin = opts.startMin ?? 9 * 60;
  return db.programSession.create({
    data: {
      programId,
      startsAt: atLocal(day, startMin),
      endsAt: atLocal(day, startMin + 120),
      status: opts.status ?? 'scheduled',
      anonymousCount: opts.anonymousCount ?? 0,
      ...(opts.status === 'cancelled' ? { cancelReason: 'Nurse away', cancelledAt: programNow() } : {}),
    },
    select: { id: true, startsAt: true },
  });
}

/** A program row made directly (no generation), active from `activeFrom`. */
export async function makeProgram(name: string, activeFrom = '2026-01-01', activeTo: string | null = null) {
  return db.program.create({
    data: {
      name,
      frequency: 'weekly',
      weekday: 2,
      startMin: 540,
      endMin: 660,
      activeFrom: new Date(`${activeFrom}T00:00:00Z`),
      activeTo: activeTo ? new Date(`${activeTo}T00:00:00Z`) : null,
    },
    select: { id: true },
  });
}

export const today = () => localDay(programNow());
export type { Actor };
