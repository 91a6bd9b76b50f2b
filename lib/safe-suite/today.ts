import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import { checkOverdue, nextCheckDue } from './rules.ts';
import { programNow } from '@/lib/calendar/index.ts';

// The suite's state for the Today page: free, occupied until …, a welfare check overdue. It names
// nobody: the Today page is on a shared screen at the desk.

export type UnitToday = {
  unitId: string;
  name: string;
  state: 'free' | 'occupied' | 'arriving';
  /** Occupied: the booked departure. Arriving: the arrival. */
  until: Date | null;
  stayId: string | null;
  checkDue: Date | null;
  overdue: boolean;
};

/** Each active unit's state now. Roles that see stays (`stay:read`). */
export async function suiteToday(actor: Actor, now = programNow()): Promise<UnitToday[]> {
  assertCan(actor, 'stay:read');
  const interval = await getSetting('suite.welfareCheckMinutes');
  const units = await db.suiteUnit.findMany({
    where: { active: true },
    orderBy: [{ sortOrder: 'asc' }, { name: 'asc' }],
    select: {
      id: true,
      name: true,
      stays: {
        where: { OR: [{ status: 'checked_in' }, { status: 'confirmed', endAt: { gt: now }, startAt: { lt: new Date(now.getTime() + 86_400_000) } }] },
        select: {
          id: true,
          status: true,
          startAt: true,
          endAt: true,
          checkedInAt: true,
          log: { where: { kind: 'welfare_check' }, select: { at: true }, orderBy: { at: 'desc' }, take: 1 },
        },
        orderBy: [{ status: 'desc' }, { startAt: 'asc' }],
      },
    },
  });
  return units.map((u) => {
    const inSuite = u.stays.find((s) => s.status === 'checked_in');
    if (inSuite) {
      const since = inSuite.log[0]?.at ?? inSuite.checkedInAt ?? inSuite.startAt;
      return {
        unitId: u.id,
        name: u.name,
        state: 'occupied',
        until: inSuite.endAt,
        stayId: inSuite.id,
        checkDue: nextCheckDue(since, interval),
        overdue: checkOverdue(since, interval, now),
      };
    }
    const next = u.stays[0];
    if (next) return { unitId: u.id, name: u.name, state: 'arriving', until: next.startAt, stayId: next.id, checkDue: null, overdue: false };
    return { unitId: u.id, name: u.name, state: 'free', until: null, stayId: null, checkDue: null, overdue: false };
  });
}
