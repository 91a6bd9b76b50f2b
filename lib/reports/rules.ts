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
// - Zeros: a column that hides any cell hides its zeros too, since a 0 shown beside another period's
//   hidden cell bounds it by the difference of their people. A column that hides nothing shows them.
// - A column whose people are all in one category hides it (and so its zeros): 20 women and no one
//   else in May, shown, would leave April's hidden cells at most what the quarter holds beyond 20.
// - A whole-period column whose hidden cells, even so, leave fewer than PROTECTION_INTERVAL people
//   above what its months show is not published at all (`publishable`): a small population where
//   nearly everyone gives the same answer.
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
  `(the smallest first, and then its zeros) that no hidden count can be worked out, from this report or any other, ` +
  `to within fewer than ${PROTECTION_INTERVAL} people. A column whose people all gave one answer hides it. ` +
  `"${HIDDEN_MARK}" can stand for any number, 0 included; a 0 that is shown is a true 0. ` +
  `A whole period whose hidden counts its months or quarters would narrow is not broken down at all.`;

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
  const total = counts.reduce((a, b) => a + b, 0);
  // Everyone in one category: shown, it would pin what every other column of a wider period holds.
  const alone = total > 0 && counts.some((n) => n === total);
  const marks: (Suppression | null)[] = counts.map((n, i) => (isSmall(n) ? 'primary' : forced[i] || (alone && n > 0) ? 'secondary' : null));
  if (!marks.some(Boolean)) return marks;
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
    if (pick < 0) break;
    marks[pick] = 'secondary';
  }
  // A column that hides anything hides its zeros too: a 0 shown for a category that another period
  // hides bounds it by the difference of their people (a quarter of 39 with no men leaves a year of
  // 46 at most 7, and every month of that year too).
  counts.forEach((n, i) => {
    if (!marks[i] && n === 0) marks[i] = 'secondary';
  });
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
export function suppress(grid: readonly (readonly number[])[], published?: readonly boolean[], inner: readonly Inner[] = []): (Suppression | null)[][] {
  return suppressWithRoom(grid, published, inner).marks;
}

/**
 * A column published for a period inside a whole period other than its months (a quarter inside
 * its fiscal year): its people, and each row as shown (null when hidden or not published).
 */
export type Inner = { total: number; shown: readonly (number | null)[] };

function suppressWithRoom(grid: readonly (readonly number[])[], published: readonly boolean[] | undefined, inner: readonly Inner[]) {
  const marks: (Suppression | null)[][] = grid.map((row) => row.map(() => null));
  const cols = grid[0]?.length ?? 0;
  const shown = (c: number) => !published || published[c];
  let roomy = true;
  for (let c = 0; c < cols; c++) {
    if (!shown(c)) continue;
    const column = grid.map((row) => row[c]!);
    const whole = c === cols - 1 && cols > 1;
    if (!whole) {
      suppressColumn(column).forEach((m, r) => (marks[r]![c] = m));
      continue;
    }
    const forced = marks.map((row) => row.slice(0, -1).some(Boolean));
    // Every column inside the whole period as published: its months, and `inner` (its quarters).
    const months = grid[0]!
      .slice(0, -1)
      .flatMap((_, m) => (shown(m) ? [{ total: grid.reduce((a, row) => a + row[m]!, 0), shown: grid.map((row, r) => (marks[r]![m] ? null : row[m]!)) }] : []));
    const inside: Inner[] = [...months, ...inner];
    // A count shown inside is a floor under the whole period's: hidden, it only hides what is above it.
    const floor = column.map((_, r) => Math.max(0, ...inside.map((i) => i.shown[r] ?? 0)));
    suppressColumn(column, forced, floor).forEach((m, r) => (marks[r]![c] = m));
    // The months, and the quarters, each tile the whole period when all of them are shown.
    const tilings = [months.length === cols - 1 ? months : [], [...inner]].filter((t) => t.length > 1);
    roomy = roomInWhole(
      column,
      marks.map((row) => !!row[c]),
      floor,
      inside,
      tilings,
    );
  }
  return { marks, roomy };
}

/**
 * Whether each hidden cell of a whole-period column can still take PROTECTION_INTERVAL values, from
 * the column's total and shown cells, the floors its inside columns set, what the parts that tile it
 * hold together, and what each inside column leaves: the whole period's people not in it bound how
 * many more a row can hold (a quarter of 18 people with no one under 25 leaves a fiscal year of 21
 * at most 3 under 25).
 */
function roomInWhole(
  column: readonly number[],
  hidden: readonly boolean[],
  floor: readonly number[],
  inside: readonly Inner[],
  tilings: readonly (readonly Inner[])[],
): boolean {
  const total = column.reduce((a, b) => a + b, 0);
  const lo = column.map((n, r) => (hidden[r] ? floor[r]! : n));
  const shownHere = column.reduce((a, n, r) => a + (hidden[r] ? 0 : n), 0);
  const hi = column.map((n, r) => {
    if (!hidden[r]) return n;
    let most = total;
    // The other hidden rows hold at least what they hold in each inside column: its people less
    // the most its other rows (the rows shown here, and this one) can hold there.
    for (const i of inside) {
      const hiddenThere = i.total - i.shown.reduce<number>((a, n) => a + (n ?? 0), 0);
      const outside = column.reduce((a, _, s) => a + (s === r || !hidden[s] ? (i.shown[s] ?? hiddenThere) : 0), 0);
      most = Math.min(most, total - shownHere - Math.max(0, i.total - outside));
    }
    // Everyone in the whole period came in one of the parts: no more than the parts hold together.
    for (const parts of tilings)
      most = Math.min(
        most,
        parts.reduce((a, p) => a + (p.shown[r] ?? p.total), 0),
      );
    return most;
  });
  // Each row holds what the others leave at most and at least: two rounds settle a column this small.
  for (let round = 0; round < 3; round++) {
    const [sumLo, sumHi] = [lo.reduce((a, b) => a + b, 0), hi.reduce((a, b) => a + b, 0)];
    column.forEach((_, r) => {
      if (!hidden[r]) return;
      hi[r] = Math.min(hi[r]!, total - (sumLo - lo[r]!));
      lo[r] = Math.max(lo[r]!, total - (sumHi - hi[r]!));
    });
  }
  const need = Math.min(PROTECTION_INTERVAL - 1, total);
  return column.every((_, r) => !hidden[r] || hi[r]! - lo[r]! >= need);
}

/**
 * Which columns a breakdown of people shows: those `published` allows, less a whole-period column
 * whose hidden cells would be left too little room (`roomInWhole`). A small population where
 * nearly everyone gives the same answer pins most of its people in the months shown, so however
 * much of the whole period were hidden, its total and its months would narrow its small cells: it
 * shows "not published" instead, like a period still running.
 */
export function publishable(grid: readonly (readonly number[])[], published: readonly boolean[], inner: readonly Inner[] = []): boolean[] {
  if (suppressWithRoom(grid, published, inner).roomy) return [...published];
  return published.map((p, c) => p && c < published.length - 1);
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
