import type { Occupancy } from '@/lib/safe-suite/occupancy.ts';

/** The figures of lib/safe-suite/occupancy.ts, as the funder statistics will show them too. */
export function OccupancyFigures({ occupancy: o, caption }: { occupancy: Occupancy; caption: string }) {
  return (
    <section className="card" aria-labelledby="suite-occupancy">
      <h2 id="suite-occupancy">{caption}</h2>
      <dl className="suite-figures">
        <dt>Nights occupied</dt>
        <dd>{o.nightsOccupied}</dd>
        <dt>Nights available</dt>
        <dd>{o.nightsAvailable}</dd>
        <dt>Occupancy rate</dt>
        <dd>{Math.round(o.occupancyRate * 100)}%</dd>
        <dt>Average stay</dt>
        <dd>{o.averageNights === null ? 'No stays began' : `${o.averageNights} nights`}</dd>
      </dl>
    </section>
  );
}
