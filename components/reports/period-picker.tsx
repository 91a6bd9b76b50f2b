import Link from 'next/link';
import { periodQuery, presets, type PeriodChoice } from '@/lib/calendar/period.ts';

/**
 * Quick periods as links and a custom range as a plain GET form: the choice lives in the URL, so
 * a report can be bookmarked, and the back button works. Dates only — nothing personal in the URL.
 */
export function PeriodPicker({ path, choice, now }: { path: string; choice: PeriodChoice; now?: Date }) {
  const { period, errors, custom } = choice;
  const current = period && periodQuery(period);
  return (
    <section className="card no-print" aria-labelledby="period-heading">
      <h2 id="period-heading" style={{ marginTop: 0 }}>
        Period
      </h2>
      <ul className="period-presets">
        {presets(now).map((p) => {
          const href = `${path}${periodQuery(p.period)}`;
          const on = periodQuery(p.period) === current;
          return (
            <li key={p.id}>
              <Link className={`button small${on ? '' : ' secondary'}`} href={href} aria-current={on ? 'true' : undefined}>
                {p.label}
              </Link>
            </li>
          );
        })}
      </ul>
      {/* Keyed by the dates it shows. A quick choice navigates in the browser and keeps this form
          mounted; React then changes only the fields' defaults, which a field it drew in the browser
          does not show, so the fields would go on showing the previous period's dates. */}
      <form key={`${custom.from}/${custom.to}`} method="get" action={path} className="row" noValidate>
        <input type="hidden" name="period" value="custom" />
        <div className="field">
          <label htmlFor="period-from">First day</label>
          <input
            id="period-from"
            name="from"
            type="date"
            defaultValue={custom.from}
            aria-invalid={errors.from ? true : undefined}
            aria-describedby={errors.from ? 'period-from-error' : undefined}
          />
          {errors.from && (
            <span id="period-from-error" className="field-error">
              {errors.from}
            </span>
          )}
        </div>
        <div className="field">
          <label htmlFor="period-to">Last day</label>
          <input
            id="period-to"
            name="to"
            type="date"
            defaultValue={custom.to}
            aria-invalid={errors.to ? true : undefined}
            aria-describedby={errors.to ? 'period-to-error' : undefined}
          />
          {errors.to && (
            <span id="period-to-error" className="field-error">
              {errors.to}
            </span>
          )}
        </div>
        <div className="field">
          <button className="button secondary" type="submit">
            Show this range
          </button>
        </div>
      </form>
    </section>
  );
}
