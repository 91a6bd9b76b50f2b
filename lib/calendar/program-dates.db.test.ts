import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { bookSlot } from '@/lib/bookings/book.ts';
import { makePerson, makeResource } from '@/lib/bookings/test-helpers.ts';
import { logVisit } from '@/lib/visits/mutations.ts';
import { atLocal, fixClock } from './index.ts';

// The dates the database stores for a booking and a visit are the program's, from the app's one
// calendar, whatever the database server's own tz data says. Debian 12's PostgreSQL 15 (tzdata
// 2025b) puts 00:30 on 6 December 2026 in Kamloops on 5 December (it still falls back to UTC−8):
// before the program clock, such a booking was refused by a check that asked the server.

describe('program dates in the database', () => {
  it('are the app calendar’s for a booking and a visit at 00:30 local, on PostgreSQL and the embedded database alike', async () => {
    fixClock('2026-12-06T07:40:00Z'); // 00:40 on Sunday 6 December in Kamloops
    const desk = await makeActor('coordinator');
    const person = await makePerson(desk);
    const shower = await makeResource({ name: 'Night shower' });
    const halfPastMidnight = atLocal('2026-12-06', 30);
    expect(halfPastMidnight.toISOString()).toBe('2026-12-06T07:30:00.000Z');

    const booking = await bookSlot(desk, {
      idempotencyKey: randomUUID(),
      resourceId: shower.id,
      slotStart: halfPastMidnight.toISOString(),
      participantId: person.id,
    });
    expect(booking.day).toBe('2026-12-06');
    const { visitId } = await logVisit(desk, { idempotencyKey: randomUUID(), participantId: person.id, visitedAt: halfPastMidnight, services: [] });

    const sql = await rawClient();
    const stored = await sql.query<{ booking: string; visit: string }>(
      `SELECT (SELECT day::text FROM booking WHERE id = $1) AS booking, (SELECT visit_date::text FROM visit WHERE id = $2) AS visit`,
      [booking.bookingId, visitId],
    );
    expect(stored.rows[0]).toEqual({ booking: '2026-12-06', visit: '2026-12-06' });
    // Whatever the server's zone setting, the stored dates do not move: no SQL recomputes them.
    await sql.query(`SET timezone = 'Pacific/Kiritimati'`);
    try {
      const again = await sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM booking WHERE day = DATE '2026-12-06' AND slot_start = $1`, [
        halfPastMidnight,
      ]);
      expect(again.rows[0]!.n).toBe(1);
    } finally {
      await sql.query('RESET timezone');
    }
  });
});
