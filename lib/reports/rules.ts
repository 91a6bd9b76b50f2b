// Small-cell suppression for breakdowns of people (pure; lib/reports/rules.test.ts). One rule,
// stated on every report and file (SUPPRESSION_EXPLAINED); proved against an attacker who solves
// for every hidden cell from everything published (lib/reports/attack.db.test.ts).
//
// Each column of a breakdown (one month, or one whole quarter or fiscal year: publication.ts) is
// suppressed on its own, from its own counts only, so the same month hides the same cells in every
// report that shows it: a month's report, its quarter's and its fiscal year's cannot be set side by
// side to fill each other's gaps.
// - Primary: a count from 1 to 9 is hidden: a small group can point at a person.
// - Complementary: the column's total is published, so the hidden cells' sum is known. The column
//   hides more cells, smallest first, until at least two are hidden and together they hold at least
//   PROTECTION_INTERVAL people (or every person in the column, when it has fewer): each hidden cell
//   can then be anything from 0 to that sum, as far as the column can tell.
// - The whole-period column (a quarter, a fiscal year) hides, besides, every category hidden in
//   any of its months, and counts each hidden cell only by how far it stands above the largest
//   count its months show for the category (`suppress`).
// - Zeros are taken only when nothing else is left (a column whose people are all in one small
//   category): a zero elsewhere (the quarter shows the category as 0) would give it back. Then
//   every zero of the column is hidden, so one zero given back does not give the cell away.
//
// Counts of events (visits, supplies, bookings, suite nights, program sessions and attendances,
// referrals, safety reports) are not suppressed.

export const SMALL_CELL_MAX = 9;
/** The one mark every hidden cell shows, whatever it hides (a small count, a larger one, a zero). */
export const HIDDEN_MARK = 'x';
/**
 * From everything published together, a hidden cell can never be narrowed to a range narrower than
 * this many people (hi − lo ≥ 10), or than the whole column when fewer people are in it.
 */
export const PROTECTION_INTERVAL = 10;

/** What the mark means, for the page, the files and each suppressed table's definition. */
export const SUPPRESSION_EXPLAINED =
  `"${HIDDEN_MARK}" marks a hidden count. Counts from 1 to 9 people are hidden, and so are enough other cells in the same column ` +
  `(the smallest first, a 0 only when nothing else is left) that no hidden count can be worked out, from this report or any other, ` +
  `to within fewer than ${PROTECTION_INTERVAL} people. "${HIDDEN_MARK}" can stand for any number, 0 included; a 0 that is shown is a true 0.`;

export type Suppression = 'primary' | 'secondary';
/** A suppressed cell carries no value at all, so nothing downstream (page, files) can leak it. */
export type DisplayCell = { value: number | null; display: string; suppressed?: Suppression };

export function isSmall(n: number): boolean {
  return n >= 1 && n <= SMALL_CELL_MAX;
}

/**
 * Which cells of one column of counts of people to hide. Ties for "smallest" go to the earliest
 * cell, so the same counts always hide the same cells.
 */
export function suppressColumn(counts: readonly number[], forced: readonly boolean[] = [], floor: readonly number[] = []): (Suppression | null)[] {
  const marks: (Suppression | null)[] = counts.map((n, i) => (isSmall(n) ? 'primary' : forced[i] ? 'secondary' : null));
  if (!marks.some(Boolean)) return marks;
  const total = counts.reduce((a, b) => a + b, 0);
  const need = Math.min(PROTECTION_INTERVAL, total);
  // What a hidden cell leaves open: its count above the least it is already known to hold.
  const slack = (i: number) => counts[i]! - (floor[i] ?? 0);
  const hidden = () => counts.map((_, i) => i).filter((i) => marks[i]);
  while (hidden().length < 2 || hidden().reduce((a, i) => a + slack(i), 0) < need) {
    // The smallest count that leaves something open; failing that, the smallest count.
    let pick = -1;
    for (const open of [true, false]) {
      counts.forEach((n, i) => {
        if (!marks[i] && n > 0 && (!open || slack(i) > 0) && (pick < 0 || n < counts[pick]!)) pick = i;
      });
      if (pick >= 0) break;
    }
    if (pick >= 0) {
      marks[pick] = 'secondary';
      continue;
    }
    // Only zeros are left: hide them all (a column of one category cannot be helped otherwise).
    counts.forEach((n, i) => {
      if (!marks[i] && n === 0) marks[i] = 'secondary';
    });
    break;
  }
  return marks;
}

/**
 * Marks for a grid (rows × columns of counts of people; the last column is the whole period),
 * column by column. Columns not published (`published[c]` false) are left unmarked: the caller
 * shows none of their cells.
 *
 * The whole-period column also hides every category hidden in any of its months: a quarter's count
 * shown beside a month's hidden one caps it (October's women are among the quarter's), and with the
 * month's other hidden cells, pins it down. The months are suppressed first and never look at the
 * whole period, so a month hides the same cells in its own report as in its quarter's.
 */
export function suppress(grid: readonly (readonly number[])[], published?: readonly boolean[]): (Suppression | null)[][] {
  const marks: (Suppression | null)[][] = grid.map((row) => row.map(() => null));
  const cols = grid[0]?.length ?? 0;
  const shown = (c: number) => !published || published[c];
  for (let c = 0; c < cols; c++) {
    if (!shown(c)) continue;
    const whole = c === cols - 1 && cols > 1;
    const forced = whole ? marks.map((row) => row.slice(0, -1).some(Boolean)) : [];
    // A shown month's count is a floor under the whole period's: hidden, it only hides what is above it.
    const floor = whole ? grid.map((row, r) => Math.max(0, ...row.slice(0, -1).map((n, m) => (shown(m) && !marks[r]![m] ? n : 0)))) : [];
    suppressColumn(grid.map((row) => row[c]!), forced, floor).forEach((m, r) => (marks[r]![c] = m));
  }
  return marks;
}

/** What a reader sees for a count. */
export function display(value: number, mark: Suppression | null | undefined): string {
  return mark ? HIDDEN_MARK : String(value);
}

/** A grid of counts as cells to show, suppressed when `people` is true. */
export function toDisplayCells(grid: readonly (readonly number[])[], people: boolean): DisplayCell[][] {
  const marks = people ? suppress(grid) : grid.map((row) => row.map(() => null));
  return grid.map((row, r) =>
    row.map((value, c) => {
      const mark = marks[r]![c];
      return mark ? { value: null, display: HIDDEN_MARK, suppressed: mark } : { value, display: String(value) };
    }),
  );
}
