import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { programNow } from '@/lib/calendar/index.ts';

// No-shows without a cron: every booking read and write first runs this sweep. One statement
// (the function sweep_bookings, migration 20261121055000_single_statement_writes),
// so it is atomic and idempotent (a second run, or a concurrent one, finds nothing left to do):
//   - a booking not checked in within the grace period (setting bookings.graceMinutes) after its
//     slot started, or after it was booked if that was later, becomes no_show and frees its seat;
//   - for each place freed in a slot not yet over, the first person waiting for that kind and
//     day is marked offered (the desk sees it and books them);
//   - a checked-in booking whose slot is over becomes done;
// each with its audit row (no actor: the system did it).

export type SweepResult = { missed: number; finished: number; offered: number };

/** Applies no-shows, offers and completions due at `now`. Internal: no actor, callers are booking reads/writes. */
export async function sweepNoShows(now: Date = programNow(), client: Tx | typeof db = db): Promise<SweepResult> {
  const [row] = await client.$queryRaw<SweepResult[]>`SELECT missed, finished, offered FROM sweep_bookings(${now}::timestamptz)`;
  return { missed: row!.missed, finished: row!.finished, offered: row!.offered };
}
