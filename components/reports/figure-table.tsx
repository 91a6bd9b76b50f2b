import type { RenderedTable } from '@/lib/reports/types.ts';

/**
 * One report table: a caption, a header row of months, row headers, and the totals row. Wider than
 * a phone, it scrolls sideways in its frame with the row headers held in view (`sticky-labels`).
 */
export function FigureTable({ table, headingLevel = 3 }: { table: RenderedTable; headingLevel?: 3 | 4 }) {
  const H = `h${headingLevel}` as 'h3' | 'h4';
  const id = `table-${table.key}`;
  return (
    <div className="figure">
      <H id={id}>{table.title}</H>
      <p className="muted">{table.description}</p>
      <div className="table-wrap" tabIndex={0} role="region" aria-labelledby={id}>
        <table className="sticky-labels">
          <thead>
            <tr>
              <th scope="col">{table.rowHeading}</th>
              {table.columns.map((c) => (
                <th key={c} scope="col" className="num">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                {r.cells.map((c, i) => (
                  <td key={i} className="num">
                    {c.suppressed ? <abbr title={c.display === 'x' ? 'Hidden to protect a small count' : 'Fewer than 10'}>{c.display}</abbr> : c.display}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {table.total && (
            <tfoot>
              <tr>
                <th scope="row">{table.total.label}</th>
                {table.total.cells.map((c, i) => (
                  <td key={i} className="num">
                    <strong>{c.display}</strong>
                  </td>
                ))}
              </tr>
            </tfoot>
          )}
        </table>
      </div>
    </div>
  );
}
