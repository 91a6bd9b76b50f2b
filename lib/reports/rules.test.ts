import { describe, expect, it } from 'vitest';
import { HIDDEN_MARK, isSmall, PROTECTION_INTERVAL, publishable, suppress, suppressColumn, SUPPRESSION_EXPLAINED, toDisplayCells } from './rules.ts';
import { createRandom } from '../../prisma/seed/generate/random.ts';

const P = 'primary';
const S = 'secondary';

describe('isSmall', () => {
  it('is 1 to 9 only', () => {
    expect([0, 1, 9, 10, 11].map(isSmall)).toEqual([false, true, true, false, false]);
  });
});

describe('suppressColumn', () => {
  it('leaves a column with no small counts alone, zeros included', () => {
    expect(suppressColumn([10, 0, 25])).toEqual([null, null, null]);
  });

  it('hides the smallest other non-zero cell beside a lone small one, and then its zeros', () => {
    expect(suppressColumn([3, 0, 40, 12])).toEqual([P, S, null, S]);
  });

  it('keeps hiding until the hidden cells hold at least the protection interval', () => {
    // 2 + 3 = 5 < 10: one more (the 11) is hidden.
    expect(suppressColumn([2, 3, 11, 50])).toEqual([P, P, S, null]);
    expect(suppressColumn([4, 6, 11, 50])).toEqual([P, P, null, null]);
  });

  it('hides every zero of a column whose people are all in one small category', () => {
    expect(suppressColumn([0, 6, 0])).toEqual([S, P, S]);
  });

  it('with fewer people than the interval, hides them all, zeros too', () => {
    expect(suppressColumn([2, 3, 0, 1])).toEqual([P, P, S, P]);
  });

  it('hides a column whose people are all in one category, however many they are', () => {
    // Shown, 20 women and no one else would cap every other column of a wider period.
    expect(suppressColumn([20, 0, 0])).toEqual([S, S, S]);
    expect(suppressColumn([20, 10, 0])).toEqual([null, null, null]);
    expect(suppressColumn([0, 0, 0])).toEqual([null, null, null]);
  });

  it('breaks ties on the earliest cell, so the same counts always hide the same cells', () => {
    expect(suppressColumn([20, 20, 2])).toEqual([S, null, P]);
  });

  it('over many random columns: every small count hidden, never exactly one hidden, and the hidden cells hold enough people', () => {
    const { next } = createRandom(42);
    for (let i = 0; i < 1000; i++) {
      const column = Array.from({ length: 2 + Math.floor(next() * 7) }, () => Math.floor(next() * next() * 40));
      const marks = suppressColumn(column);
      const hidden = column.filter((_, j) => marks[j]);
      const total = column.reduce((a, b) => a + b, 0);
      column.forEach((n, j) => isSmall(n) && expect(marks[j]).toBe(P));
      if (hidden.length === 0) continue;
      expect(hidden.length, JSON.stringify(column)).toBeGreaterThanOrEqual(2);
      expect(
        hidden.reduce((a, b) => a + b, 0),
        JSON.stringify(column),
      ).toBeGreaterThanOrEqual(Math.min(PROTECTION_INTERVAL, total));
    }
  });
});

describe('suppress', () => {
  it('suppresses each column on its own, so a month hides the same cells whatever columns stand beside it', () => {
    const month = [3, 14, 40];
    const alone = suppress([[3], [14], [40]]);
    const inQuarter = suppress([
      [3, 50, 8],
      [14, 9, 60],
      [40, 30, 2],
    ]);
    expect(inQuarter.map((r) => r[0])).toEqual(alone.map((r) => r[0]));
    expect(alone.map((r) => r[0])).toEqual(suppressColumn(month));
  });

  it('hides in the whole-period column every category hidden in one of its months', () => {
    // Woman is small in both months, Man hidden in October beside her: the quarter's 12 and 30 are
    // hidden too, though neither is small. Non-binary, shown every month, stays shown.
    const grid = [
      [3, 2, 12],
      [14, 9, 30],
      [40, 50, 60],
    ];
    expect(suppress(grid).map((r) => r[2])).toEqual([S, S, null]);
  });

  it('counts a hidden whole-period cell only by how far it stands above what its months show', () => {
    // The quarter's 3 (small) and 25 (hidden: a month hides the category) look like 28 people to
    // hide among, but October shows 24 of the 25: only 3 + 1 are open, so the 40 is hidden too.
    const grid = [
      [0, 3, 3],
      [24, 7, 25],
      [30, 25, 40],
      [50, 60, 90],
    ];
    expect(suppress(grid).map((r) => r[2])).toEqual([P, S, S, null]);
    expect(suppressColumn([3, 25, 40, 90], [false, true], [0, 24, 30, 60])).toEqual([P, S, S, null]);
  });

  it('withholds a whole period whose hidden cells the months pin down, and keeps it when they leave room', () => {
    // Rows: women, men, non-binary; columns: October, November, December, the quarter. The 3 men
    // came in December, a month of 5 people. The quarter's 37 less October's 32
    // (no man among them) leaves the men at most 5: however many cells it hid, the quarter would
    // give them away.
    const pinned = [
      [12, 12, 2, 14],
      [0, 0, 3, 3],
      [20, 20, 0, 20],
    ];
    expect(publishable(pinned, [true, true, true, true])).toEqual([true, true, true, false]);
    // Men in every month, hidden beside the non-binary people, and the quarter's people spread over
    // its months: room enough.
    const roomy = [
      [30, 30, 2, 60],
      [4, 4, 3, 8],
      [20, 20, 0, 40],
    ];
    expect(publishable(roomy, [true, true, true, true])).toEqual([true, true, true, true]);
  });

  it('withholds a fiscal year that one of its quarters pins down', () => {
    // Months of a year (two here), and a quarter of 38 people with no one under 25: a year of 41
    // would hold at most 3 under 25.
    const grid = [
      [0, 3, 3],
      [30, 25, 38],
      [0, 0, 0],
    ];
    expect(publishable(grid, [true, true, true])).toEqual([true, true, true]);
    expect(publishable(grid, [true, true, true], [{ total: 38, shown: [0, 38, 0] }])).toEqual([true, true, false]);
  });

  it('leaves columns that are not published unmarked', () => {
    expect(
      suppress(
        [
          [3, 3],
          [40, 40],
          [20, 20],
        ],
        [true, false],
      ),
    ).toEqual([
      [P, null],
      [null, null],
      [S, null],
    ]);
  });
});

describe('toDisplayCells', () => {
  it('shows one mark for every hidden cell, a small count, a larger one or a zero alike, and drops its value', () => {
    const cells = [...toDisplayCells([[0], [6], [0]], true), ...toDisplayCells([[3], [12], [50]], true)];
    expect(cells.map((r) => r[0]!.display)).toEqual([HIDDEN_MARK, HIDDEN_MARK, HIDDEN_MARK, HIDDEN_MARK, HIDDEN_MARK, '50']);
    expect(
      cells
        .flat()
        .filter((c) => c.display === HIDDEN_MARK)
        .every((c) => c.value === null),
    ).toBe(true);
  });

  it('shows a true zero as 0 in a column that hides nothing, and hides it in one that hides a count', () => {
    expect(toDisplayCells([[0], [15], [12], [40]], true).map((r) => r[0]!.display)).toEqual(['0', '15', '12', '40']);
    expect(toDisplayCells([[0], [3], [12], [40]], true).map((r) => r[0]!.display)).toEqual([HIDDEN_MARK, HIDDEN_MARK, HIDDEN_MARK, '40']);
  });

  it('does not suppress counts of events', () => {
    expect(
      toDisplayCells(
        [
          [3, 4],
          [5, 20],
        ],
        false,
      )
        .flat()
        .map((c) => c.display),
    ).toEqual(['3', '4', '5', '20']);
  });
});

describe('SUPPRESSION_EXPLAINED', () => {
  it('names the one mark, says it can stand for any number, and states the protection interval', () => {
    expect(SUPPRESSION_EXPLAINED).toContain(`"${HIDDEN_MARK}" marks a hidden count`);
    expect(SUPPRESSION_EXPLAINED).toContain('0 included');
    expect(SUPPRESSION_EXPLAINED).toContain(`fewer than ${PROTECTION_INTERVAL} people`);
    expect(SUPPRESSION_EXPLAINED).not.toContain('<10');
    expect(SUPPRESSION_EXPLAINED).toContain('whole period whose hidden counts its months or quarters would narrow is not broken down');
  });
});
