// Small charts drawn with plain HTML and CSS (no chart library): bars scale to the largest value.
// The drawing is hidden from screen readers; the same numbers sit one click away in a real table
// (<details>), which a screen reader reaches and reads like any table.

export type Series = { name: string; className: string };

type Props = {
  title: string;
  id: string;
  categories: string[];
  series: Series[];
  /** values[s][i]: series s at category i. */
  values: number[][];
  /** Column header for the categories in the table. */
  categoryHeading: string;
};

export function BarChart({ title, id, categories, series, values, categoryHeading }: Props) {
  const max = Math.max(1, ...values.flat());
  return (
    <figure className="chart card" aria-labelledby={`${id}-title`}>
      <figcaption id={`${id}-title`}><strong>{title}</strong></figcaption>
      {series.length > 1 && (
        <p className="chart-legend" aria-hidden="true">
          {series.map((s) => <span key={s.name}><span className={`swatch ${s.className}`} /> {s.name}</span>)}
        </p>
      )}
      <div className="chart-bars" aria-hidden="true">
        {categories.map((c, i) => (
          <div className="chart-row" key={c}>
            <span className="chart-label">{c}</span>
            <span className="chart-values">
              {series.map((s, j) => (
                <span key={s.name} className="chart-line">
                  <span className={`chart-bar ${s.className}`} style={{ width: `${(values[j]![i]! / max) * 100}%` }} />
                  <span className="chart-number">{values[j]![i]}</span>
                </span>
              ))}
            </span>
          </div>
        ))}
      </div>
      <details>
        <summary>Show the numbers as a table</summary>
        <div className="table-wrap">
          <table>
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{categoryHeading}</th>
                {series.map((s) => <th key={s.name} scope="col" className="num">{s.name}</th>)}
              </tr>
            </thead>
            <tbody>
              {categories.map((c, i) => (
                <tr key={c}>
                  <th scope="row">{c}</th>
                  {series.map((s, j) => <td key={s.name} className="num">{values[j]![i]}</td>)}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
