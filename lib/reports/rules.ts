// Small-cell suppression for breakdowns of people (pure; lib/reports/rules.test.ts).
//
// Primary: a count from 1 to 9 is hidden (shown "<10"): a small group can point at a person.
// Secondary: a hidden cell must not be recoverable from the totals that are shown. If a line of
// cells (a row, or a column, whose total is published) has exactly one hidden cell, the total minus
// the others gives it away; so the smallest visible cell in that line is hidden too, and this
// repeats until no line has exactly one hidden cell. Zeros count as cells: leaving a zero beside a
// single hidden cell would reveal it just the same. Totals stay visible.
//
// Counts of events (visits, supplies, bookings, suite nights, program sessions and attendances,
// referrals, safety reports) are not suppressed; unique named attendees by program are people.

export const SMALL_CELL_MAX = 9;
export const SMALL_CELL_MARK = '<10';
/** A cell of 10 or more hidden only to protect another: its true value is not "<10". */
export const SECONDARY_MARK = 'x';

/**
 * What the marks mean, for the page, the files and each suppressed table's definition. A cell
 * hidden only to protect another shows "<10" when it is under 10, a zero included: "<10" is not
 * "1 to 9 people", and the words must not say it is.
 */
export const SUPPRESSION_EXPLAINED =
  `Counts from 1 to 9 show as "${SMALL_CELL_MARK}". Some other cells are hidden too, so that a small count cannot be worked out ` +
  `from the totals: they show "${SECONDARY_MARK}" when 10 or more, and "${SMALL_CELL_MARK}" when fewer, zero included.`;

export type Suppression = 'primary' | 'secondary';
/** A suppressed cell carries no value at all, so nothing downstream (page, files) can leak it. */
export type DisplayCell = { value: number | null; display: string; suppressed?: Suppression };

export function isSmall(n: number): boolean {
  return n >= 1 && n <= SMALL_CELL_MAX;
}

/** The coordinates of every row and every column of a grid: the lines whose totals are shown. */
export function gridLines(rows: number, cols: number): [number, number][][] {
  const lines: [number, number][][] = [];
  for (let r = 0; r < rows; r++) lines.push(Array.from({ length: cols }, (_, c) => [r, c] as [number, number]));
  for (let c = 0; c < cols; c++) lines.push(Array.from({ length: rows }, (_, r) => [r, c] as [number, number]));
  return lines;
}

/**
 * Which cells of `grid` (rows × columns of counts of people) to hide. Returns a grid of marks.
 * Ties for "smallest" go to the earliest cell, so the result is deterministic.
 */
export function suppress(grid: readonly (readonly number[])[]): (Suppression | null)[][] {
  const marks: (Suppression | null)[][] = grid.map((row) => row.map((n) => (isSmall(n) ? 'primary' : null)));
  const lines = gridLines(grid.length, grid[0]?.length ?? 0);
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      const hidden = line.filter(([r, c]) => marks[r]![c]);
      if (hidden.length !== 1) continue;
      let pick: [number, number] | null = null;
      for (const [r, c] of line) {
        if (marks[r]![c]) continue;
        if (!pick || grid[r]![c]! < grid[pick[0]]![pick[1]]!) pick = [r, c];
      }
      // A line of one cell has nothing to hide it among; its total equals it (callers avoid these).
      if (!pick) continue;
      marks[pick[0]]![pick[1]] = 'secondary';
      changed = true;
    }
  }
  return marks;
}

/** What a reader sees for a count. */
export function display(value: number, mark: Suppression | null | undefined): string {
  if (!mark) return String(value);
  return value <= SMALL_CELL_MAX ? SMALL_CELL_MARK : SECONDARY_MARK;
}

/** A grid of counts as cells to show, suppressed when `people` is true. */
export function toDisplayCells(grid: readonly (readonly number[])[], people: boolean): DisplayCell[][] {
  const marks = people ? suppress(grid) : grid.map((row) => row.map(() => null));
  return grid.map((row, r) =>
    row.map((value, c) => {
      const mark = marks[r]![c];
      return mark ? { value: null, display: display(value, mark), suppressed: mark } : { value, display: String(value) };
    }),
  );
}
