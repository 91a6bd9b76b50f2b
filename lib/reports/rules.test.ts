import { describe, expect, it } from 'vitest';
import { display, gridLines, isSmall, SECONDARY_MARK, SMALL_CELL_MARK, suppress, SUPPRESSION_EXPLAINED, toDisplayCells } from './rules.ts';
import { createRandom } from '@/lib/bench/random.ts';

const P = 'primary';
const S = 'secondary';

/** Every line with a hidden cell has at least two: nothing is recoverable from a total. */
function safe(marks: (string | null)[][]): boolean {
  return gridLines(marks.length, marks[0]!.length).every((line) => line.filter(([r, c]) => marks[r]![c]).length !== 1);
}

describe('isSmall', () => {
  it('is 1 to 9 only', () => {
    expect([0, 1, 9, 10, 11].map(isSmall)).toEqual([false, true, true, false, false]);
  });
});

describe('suppress', () => {
  it('leaves a grid with no small counts alone, zeros included', () => {
    expect(suppress([[10, 0], [25, 40]])).toEqual([[null, null], [null, null]]);
  });

  it('hides two small cells in the same row and column without adding more', () => {
    expect(suppress([[3, 4], [5, 20]])).toEqual([[P, P], [P, S]]);
  });

  it('hides the smallest other cell of a column that has one hidden cell, then fixes the rows it touched', () => {
    // Column 0 has 3 hidden alone → hide 12 (smaller than 30); row 0 then has 3 and row 1 has 12
    // alone → hide 15 in row 0 and 14 in row 1; column 1 now has 15 and 14: stable.
    const grid = [
      [3, 15, 50],
      [12, 14, 60],
      [30, 40, 70],
    ];
    expect(suppress(grid)).toEqual([
      [P, S, null],
      [S, S, null],
      [null, null, null],
    ]);
  });

  it('picks a zero as the secondary cell when it is the smallest', () => {
    expect(suppress([[0, 20], [5, 30], [40, 50]])).toEqual([[S, S], [P, S], [null, null]]);
  });

  it('breaks ties on the earliest cell, so the same data always hides the same cells', () => {
    expect(suppress([[20, 20, 2]])).toEqual([[S, null, P]]);
  });

  it('leaves a line of one cell as it is (nothing to hide it among)', () => {
    expect(suppress([[4]])).toEqual([[P]]);
  });

  it('never leaves a line with exactly one hidden cell, over many random grids', () => {
    const { next } = createRandom(42);
    for (let i = 0; i < 500; i++) {
      const rows = 2 + Math.floor(next() * 6);
      const cols = 2 + Math.floor(next() * 6);
      const grid = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.floor(next() * next() * 60)));
      const marks = suppress(grid);
      expect(safe(marks), JSON.stringify(grid)).toBe(true);
      grid.forEach((row, r) => row.forEach((n, c) => isSmall(n) && expect(marks[r]![c]).toBe(P)));
    }
  });
});

describe('display and toDisplayCells', () => {
  it('shows "<10" for a hidden small count and "x" for a larger cell hidden only to protect another', () => {
    expect(display(4, P)).toBe('<10');
    expect(display(0, S)).toBe('<10');
    expect(display(12, S)).toBe('x');
    expect(display(12, null)).toBe('12');
  });

  it('drops the value of every hidden cell', () => {
    const cells = toDisplayCells([[3, 4], [5, 20]], true);
    expect(cells.flat().map((c) => c.value)).toEqual([null, null, null, null]);
    expect(cells.flat().map((c) => c.display)).toEqual(['<10', '<10', '<10', 'x']);
  });

  it('does not suppress counts of events', () => {
    expect(toDisplayCells([[3, 4], [5, 20]], false).flat().map((c) => c.display)).toEqual(['3', '4', '5', '20']);
  });
});

describe('SUPPRESSION_EXPLAINED', () => {
  it('does not say that "<10" means 1 to 9: a zero hidden to protect another cell shows "<10" too', () => {
    // The Alumni Group's true 0 beside small counts, as the report shows it.
    expect(toDisplayCells([[0, 20], [5, 30], [40, 50]], true)[0]![0]!.display).toBe(SMALL_CELL_MARK);
    expect(SUPPRESSION_EXPLAINED).toContain(`Counts from 1 to 9 show as "${SMALL_CELL_MARK}"`);
    expect(SUPPRESSION_EXPLAINED).toContain(`"${SECONDARY_MARK}" when 10 or more, and "${SMALL_CELL_MARK}" when fewer, zero included`);
  });
});
