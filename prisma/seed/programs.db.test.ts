import { describe, expect, it } from 'vitest';
import { ownerDb } from '../../lib/db/test/open-db.ts';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { programFigures } from '@/lib/programs/figures.ts';
import { listPrograms } from '@/lib/programs/queries.ts';
import { seedStaff } from './staff.ts';
import { seedParticipants } from './participants.ts';
import { seedPrograms } from './programs.ts';

// A Wednesday, 13:30 in Vancouver (UTC−7 all year since 2026).
const NOW = new Date('2026-11-18T20:30:00Z');

describe('demo seed: programs and attendance', () => {
  it('five programs with past sessions recorded, the latest left for the desk, holidays closed', async () => {
    await seedStaff(await ownerDb());
    await seedParticipants(await ownerDb(), NOW);
    await seedPrograms(await ownerDb(), NOW);
    const manager = await makeActor('manager');
    const programs = await listPrograms(manager, NOW);
    expect(programs.map((p) => p.name)).toEqual(
      ['Alumni Group', 'Peer workshop: know your rights', 'Peer workshop: safety planning', 'Thursday lunch', 'Tuesday breakfast'].sort(),
    );
    const breakfast = programs.find((p) => p.name === 'Tuesday breakfast')!;
    // Tuesday 17 November, 9:00: the current session, not yet recorded.
    expect(breakfast.lastSession?.startsAt.toISOString()).toBe('2026-11-17T16:00:00.000Z');
    const latest = await db.programSession.findUniqueOrThrow({
      where: { id: breakfast.lastSession!.id },
      select: { status: true, anonymousCount: true, _count: { select: { attendance: true } } },
    });
    expect(latest).toEqual({ status: 'scheduled', anonymousCount: 0, _count: { attendance: 0 } });
    expect(await db.programSession.count({ where: { startsAt: { gte: new Date('2026-11-11T07:00:00Z'), lt: new Date('2026-11-12T07:00:00Z') } } })).toBe(0);
    const figures = await programFigures(manager, { from: '2026-08-01', to: '2026-11-18' });
    const b = figures.find((f) => f.programName === 'Tuesday breakfast')!;
    expect(b.sessionsHeld).toBeGreaterThan(10);
    expect(b.totalAttendance).toBe(b.namedAttendance + b.anonymousAttendance);
    expect(b.uniqueNamedAttendees).toBeLessThanOrEqual(30);
    expect(figures.reduce((n, f) => n + f.sessionsCancelled, 0)).toBeGreaterThan(0);
  });
});
