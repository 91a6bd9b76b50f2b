import { describe, expect, it } from 'vitest';
import { ownerDb } from '../db/test/open-db.ts';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { seedStaff } from '@/prisma/seed/staff.ts';
import { seedParticipants } from '@/prisma/seed/participants.ts';
import { seedSuite } from '@/prisma/seed/suite.ts';
import { suiteToday } from './today.ts';
import { readStayLog } from './log.ts';
import { fixClock } from '@/lib/calendar/index.ts';

// The demo's Safe Suite (prisma/seed/suite.ts), loaded as `npm run demo` does.

describe('seedSuite', () => {
  // The guest in now arrived yesterday at 15:00; their log runs up to now, so its length depends on
  // the hour: held at 00:30, the shortest it gets (the demo can start at any hour).
  it.each(['2026-12-06T07:30:00Z', '2027-03-14T22:00:00Z'])(
    'loads one unit, stays in every status within the constraint, a guest in now with a readable log (at %s)',
    async (now) => {
      fixClock(now);
      await seedStaff(await ownerDb());
      await seedParticipants(await ownerDb());
      await seedSuite(await ownerDb());
      expect(await db.suiteUnit.count()).toBe(1);
      const statuses = (await db.stay.groupBy({ by: ['status'], _count: true })).map((s) => s.status).sort();
      expect(statuses).toEqual(['cancelled', 'checked_in', 'checked_out', 'confirmed', 'no_show', 'requested']);
      const outreach = await makeActor('outreach');
      const [unit] = await suiteToday(outreach);
      expect(unit).toMatchObject({ state: 'occupied', overdue: false });
      const log = await readStayLog(outreach, { stayId: unit!.stayId! });
      expect(log.length).toBeGreaterThanOrEqual(4);
      expect(log.every((e) => e.text)).toBe(true);
      expect(new Set(log.map((e) => e.kind))).toEqual(new Set(['welfare_check', 'handover']));
    },
  );
});
