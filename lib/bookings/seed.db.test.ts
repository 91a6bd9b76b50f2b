import { describe, expect, it } from 'vitest';
import { ownerDb } from '../db/test/open-db.ts';
import { db } from '@/lib/db/client.ts';
import { seedStaff } from '@/prisma/seed/staff.ts';
import { seedParticipants } from '@/prisma/seed/participants.ts';
import { seedBookings } from '@/prisma/seed/bookings.ts';
import { rawClient } from '@/lib/db/test/reset.ts';

// The demo's showers and laundry (prisma/seed/bookings.ts), loaded as `npm run demo` does.

describe('seedBookings', () => {
  it('loads 2 showers and a 2-pair laundry, Mon–Sat hours, closures and bookings in every status, within every guarantee', async () => {
    await seedStaff(await ownerDb());
    await seedParticipants(await ownerDb());
    // A Wednesday at 11:10 in Kamloops: open, with a slot in progress.
    const now = new Date('2026-11-18T19:10:00Z');
    await seedBookings(await ownerDb(), now);
    const resources = await db.resource.findMany({
      select: { name: true, kind: true, capacity: true, slotMinutes: true, hours: true },
      orderBy: { sortOrder: 'asc' },
    });
    expect(resources.map((r) => [r.name, r.kind, r.capacity, r.slotMinutes, r.hours.length])).toEqual([
      ['Shower 1', 'shower', 1, 30, 6],
      ['Shower 2', 'shower', 1, 30, 6],
      ['Washer and dryer', 'laundry', 2, 90, 6],
    ]);
    expect(await db.resourceClosure.count()).toBe(2);
    const statuses = await db.booking.groupBy({ by: ['status'], _count: true });
    expect(statuses.map((s) => s.status).sort()).toEqual(['booked', 'cancelled', 'checked_in', 'done', 'no_show']);
    expect(await db.booking.count()).toBeGreaterThan(300);
    expect(await db.waitlistEntry.count({ where: { status: 'waiting' } })).toBe(2);
    const c = await rawClient();
    // Ticket counters are at least the highest ticket given out (bookings and waitlist), so the next one is new.
    const { rows } = await c.query(`
      SELECT count(*)::int AS n FROM (
        SELECT day, kind, max(ticket) AS t FROM (SELECT day, kind, ticket FROM booking UNION ALL SELECT day, kind, ticket FROM waitlist_entry) x GROUP BY day, kind
      ) m LEFT JOIN booking_ticket bt USING (day, kind) WHERE bt.last IS NULL OR bt.last < m.t`);
    expect(rows[0].n).toBe(0);
    // Nobody sits in the holiday.
    const closure = await db.resourceClosure.findFirstOrThrow({ where: { resourceId: null } });
    expect(await db.booking.count({ where: { slotStart: { gte: closure.startsAt, lt: closure.endsAt } } })).toBe(0);
  });
});
