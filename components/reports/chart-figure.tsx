import { ReportChart, type ChartKind, type ChartRow, type ChartSeries } from './report-chart.tsx';

// One dashboard chart as a figure: its title, the drawing (recharts, a client component), and the
// same numbers one click away in a real table. The table is rendered here, on the server, so the
// numbers are there without JavaScript and a screen reader reads them like any table; the drawing
// is hidden from assistive technology because it says nothing the table does not. Each toggle's
// name ends with the chart's title, unseen, so a list of the page's controls tells them apart.
// Wider than a phone, the table scrolls sideways in its frame (which takes focus, so a keyboard
// can scroll it too) with its row headers held in view.

type Props = {
  title: string;
  id: string;
  kind: ChartKind;
  categories: string[];
  /** Shorter names for the category axis (the table and tooltip keep the full ones). */
  shortCategories?: string[];
  series: ChartSeries[];
  /** values[s][i]: series s at category i. */
  values: number[][];
  /** Column header for the categories in the table, and the category axis's label. */
  categoryHeading: string;
  /** What the numbers count, for the value axis's label. */
  valueHeading: string;
};

/** The props for a chart of one series of labelled values (services, programs, referrals…). */
export function oneSeries(
  bars: { label: string; value: number }[],
  name: string,
  color: ChartSeries['color'],
): Pick<Props, 'categories' | 'series' | 'values'> {
  return { categories: bars.map((b) => b.label), series: [{ name, color }], values: [bars.map((b) => b.value)] };
}

export function ChartFigure({ title, id, kind, categories, shortCategories, series, values, categoryHeading, valueHeading }: Props) {
  const rows: ChartRow[] = categories.map((category, i) => ({
    category,
    tick: shortCategories?.[i] ?? category,
    values: series.map((_, s) => values[s]![i]!),
  }));
  return (
    <figure className="chart card" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}>
        <strong>{title}</strong>
      </figcaption>
      <ReportChart kind={kind} rows={rows} series={series} categoryLabel={categoryHeading} valueLabel={valueHeading} />
      <details>
        <summary>
          Show the numbers as a table<span className="visually-hidden"> ({title})</span>
        </summary>
        <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={`${id}-title`}>
          <table className="sticky-labels">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{categoryHeading}</th>
                {series.map((s) => (
                  <th key={s.name} scope="col" className="num">
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.category}>
                  <th scope="row">{r.category}</th>
                  {series.map((s, j) => (
                    <td key={s.name} className="num">
                      {r.values[j]}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
