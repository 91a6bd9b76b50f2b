import { describe, expect, it } from 'vitest';
import loadHighs from 'highs';
import { renderTable } from './build.ts';
import { attack, type Published } from './attacker.ts';
import { monthPeriod, quarterPeriod, type Period } from '@/lib/calendar/period.ts';
import { publishedColumns } from './publication.ts';
import type { Counts, RenderedTable, Report } from './types.ts';

// The attacker against hand-made tables: it must find what the old rule gave away, and nothing
// when the rule holds. The real reports are attacked in attack.db.test.ts.

const TODAY = '2027-01-15';

/** A report of one people breakdown (gender) with the headline people row, rendered as the app does. */
function report(period: Period, rows: Counts[], people: number[], render = renderTable): Published {
  const labels = period.months.map((m) => m.label);
  const published = publishedColumns(period, TODAY);
  const breakdown = render(
    { key: 'demographics-gender', title: 'G', description: '', rowHeading: 'Gender', suppress: true, rows, total: null },
    labels,
    published,
  );
  const headline = renderTable(
    {
      key: 'participants',
      title: 'P',
      description: '',
      rowHeading: 'Figure',
      suppress: false,
      total: null,
      rows: [{ key: 'people', label: 'Unique participants', counts: people }],
    },
    labels,
  );
  const r: Report = {
    title: 'T',
    generatedAt: new Date(),
    period: { label: period.label, from: period.from, to: period.to, fileStem: 'x' },
    sections: [{ key: 's', title: 'S', description: '', tables: [headline, breakdown] }],
  };
  return { period, report: r };
}

describe('attack', () => {
  it('finds nothing to narrow in a month and its quarter suppressed by the rule', async () => {
    const highs = await loadHighs();
    const oct = [
      { key: 'w', label: 'Woman', counts: [3, 3] },
      { key: 'm', label: 'Man', counts: [14, 14] },
      { key: 'n', label: 'Non-binary', counts: [40, 40] },
    ];
    const q = [
      { key: 'w', label: 'Woman', counts: [3, 12, 2, 15] },
      { key: 'm', label: 'Man', counts: [14, 9, 30, 40] },
      { key: 'n', label: 'Non-binary', counts: [40, 33, 25, 70] },
    ];
    const published = [report(monthPeriod('2026-10'), oct, [57, 57]), report(quarterPeriod(2026, 4), q, [57, 54, 57, 125])];
    // The quarter's months must match October's own report.
    published[1]!.report.sections[0]!.tables[1]!.rows.forEach((r, i) =>
      expect(r.cells[0]!.display).toBe(published[0]!.report.sections[0]!.tables[1]!.rows[i]!.cells[0]!.display),
    );
    const { findings, hiddenCells } = attack(highs, published, ['demographics-gender']);
    expect(hiddenCells).toBeGreaterThan(0);
    expect(findings).toEqual([]);
  }, 60_000); // loading the solver's WebAssembly is slow on a busy machine

  it('narrows a cell that a weaker rule left alone in its column, and one recovered from a total', async () => {
    const highs = await loadHighs();
    // One hidden cell per column: the total gives it back exactly.
    const weak = (t: Parameters<typeof renderTable>[0], labels: string[], published?: readonly boolean[]): RenderedTable => {
      const out = renderTable({ ...t, suppress: false }, labels, published);
      out.rows.forEach((r, i) =>
        r.cells.forEach((c, j) => {
          const v = t.rows[i]!.counts[j]!;
          if (v >= 1 && v <= 9) r.cells[j] = { value: null, display: 'x' };
        }),
      );
      return out;
    };
    const oct = [
      { key: 'w', label: 'Woman', counts: [3, 3] },
      { key: 'm', label: 'Man', counts: [14, 14] },
    ];
    const { findings } = attack(highs, [report(monthPeriod('2026-10'), oct, [17, 17], weak)], ['demographics-gender']);
    expect(findings.map((f) => [f.row, f.lo, f.hi])).toContainEqual(['w', 3, 3]);
  }, 60_000);
});
