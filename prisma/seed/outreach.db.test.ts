import { describe, expect, it } from 'vitest';
import { ownerDb } from '../../lib/db/test/open-db.ts';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { currentShift } from '@/lib/outreach/queries.ts';
import { buildReport } from '@/lib/reports/build.ts';
import { customPeriod } from '../../lib/calendar/period.ts';
import { pageRows } from '@/lib/reports/test-helpers.ts';
import { seedStaff } from './staff.ts';
import { seedParticipants } from './participants.ts';
import { seedOutreach } from './outreach.ts';

const NOW = new Date('2026-11-18T21:30:00Z');

describe('demo seed: outreach', () => {
  it('loads about three months of ended street and online shifts with contacts, and the report counts them', async () => {
    await seedStaff(await ownerDb());
    await seedParticipants(await ownerDb(), NOW);
    await seedOutreach(await ownerDb(), NOW);
    const modes = (await db.outreachShift.groupBy({ by: ['mode'], _count: true })).map((g) => [g.mode, g._count]);
    expect(modes.map(([m]) => m).sort()).toEqual(['online', 'street']);
    const shifts = await db.outreachShift.count();
    expect(shifts).toBeGreaterThan(45);
    expect(await db.outreachShift.count({ where: { endedAt: null } })).toBe(0);
    expect(await db.outreachContact.count({ where: { participantId: null } })).toBeGreaterThan(0);
    expect(await db.outreachContactSupply.count({ where: { forOthers: { gt: 0 } } })).toBeGreaterThan(0);
    // Nobody starts the demo on a shift.
    const worker = await db.staffUser.findUniqueOrThrow({ where: { email: 'outreach@example.org' }, select: { id: true, role: true, displayName: true } });
    expect(await currentShift({ ...worker, sessionId: 'none' })).toBeNull();
    const report = pageRows(await buildReport(await makeActor('manager'), customPeriod('2026-09-01', '2026-10-31'), NOW));
    expect(Number(report['Outreach shifts and hours']!.find((r) => r[0] === 'Shifts')![3])).toBeGreaterThan(30);
  });
});
