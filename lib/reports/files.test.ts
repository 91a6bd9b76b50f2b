import { describe, expect, it } from 'vitest';
import { readAll, parseCsv } from './test-helpers.ts';
import { reportCsv } from './csv.ts';
import { sheetName } from './excel.ts';
import { rowCells, safeText, SUPPRESSION_NOTE } from './files.ts';
import { SUPPRESSION_EXPLAINED } from './rules.ts';
import { renderTable } from './build.ts';
import type { Report } from './types.ts';

describe('file cells', () => {
  it('quotes a label a spreadsheet would run as a formula', () => {
    expect(['=SUM(A1)', '+1', '-x', '@cmd', 'Meal'].map(safeText)).toEqual(["'=SUM(A1)", "'+1", "'-x", "'@cmd", 'Meal']);
  });

  it('writes a suppressed cell as its mark, never its number', () => {
    const table = renderTable(
      {
        key: 't',
        title: 'T',
        description: '',
        rowHeading: 'R',
        suppress: true,
        total: null,
        rows: [
          { key: 'a', label: 'A', counts: [3, 40] },
          { key: 'b', label: 'B', counts: [25, 60] },
        ],
      },
      ['Oct 2026'],
    );
    // 3 is hidden, and 25 with it; the whole period hides both categories October hides.
    expect(table.rows.map(rowCells)).toEqual([
      ['A', 'x', 'x'],
      ['B', 'x', 'x'],
    ]);
  });

  it('names sheets within Excel’s limits, without clashes', () => {
    const taken = new Set<string>();
    expect(sheetName('Services: a very long title that goes on [and on]', taken)).toBe('Services  a very long title');
    expect(sheetName('services  a very long title', taken)).toBe('services  a very long title 2');
  });
});

describe('reportCsv', () => {
  it('streams a cover, each table and the definitions, readable back', async () => {
    const report: Report = {
      title: 'Program statistics',
      generatedAt: new Date('2026-11-02T20:00:00Z'),
      period: { label: 'October 2026', from: '2026-10-01', to: '2026-10-31', fileStem: 'lantern-report-2026-10' },
      sections: [
        {
          key: 's',
          title: 'S',
          description: '',
          tables: [
            renderTable(
              {
                key: 't',
                title: 'Visits, "all"',
                description: 'Every visit.',
                rowHeading: 'Figure',
                suppress: false,
                rows: [{ key: 'v', label: 'Visits', counts: [7, 7] }],
                total: null,
              },
              ['Oct 2026'],
            ),
          ],
        },
      ],
    };
    const rows = parseCsv((await readAll(reportCsv(report))).toString('utf8'));
    expect(rows[0]).toEqual(['Program statistics']);
    expect(rows).toContainEqual(['Generated', '2026-11-02 13:00 (Vancouver time)']);
    // The cover says what the marks mean in the words every suppressed table's definition uses.
    expect(rows).toContainEqual(['Note', SUPPRESSION_NOTE]);
    expect(SUPPRESSION_NOTE).toContain(SUPPRESSION_EXPLAINED);
    expect(rows).toContainEqual(['Visits, "all"']);
    expect(rows).toContainEqual(['Figure', 'Oct 2026', 'Whole period']);
    expect(rows).toContainEqual(['Visits', '7', '7']);
    expect(rows.at(-1)).toEqual(['Visits, "all"', 'Every visit.']);
  });
});
