// The attacker of the suppression rule, for tests (attack.db.test.ts, attacker.test.ts): given
// every report a manager can make over some periods, it solves, with a linear-programming solver
// (HiGHS), for the smallest and largest value each hidden cell can take given everything published
// together, and lists the cells narrowed below the protection interval.
//
// What the attacker knows, per breakdown of people (each table on its own: breakdowns share only
// their totals, which are published):
// - every cell shown, in any report; a column's cells add up to the unique participants of that
//   column's days (the headline, published for every column, parts of months included);
// - a column whose days lie within another's counts, category by category, no more people than it
//   (October's women are among the quarter's);
// - a column counts no more people, category by category, than the columns that tile its days
//   (the quarter's women came in one of its months);
// - every count is 0 or more. Cells not published ("–") are unknowns like hidden ones.
// Age categories depend on the fiscal year (publication.ts `ageYear`): spans across two fiscal
// years are left out of the age table.
import type { Highs } from 'highs';
import { ageYear, NOT_PUBLISHED } from './publication.ts';
import { HIDDEN_MARK, PROTECTION_INTERVAL } from './rules.ts';
import type { Period } from '@/lib/calendar/period.ts';
import type { Report } from './types.ts';
import { addDays } from '@/lib/calendar/index.ts';

export type Published = { period: Period; report: Report };
type Span = { from: string; to: string };
type Column = Span & { total: number; cells: Map<string, string>; tilings: Span[][] };
export type Finding = { table: string; row: string; span: string; lo: number; hi: number; need: number };

const key = (s: Span) => `${s.from}..${s.to}`;
const spansOf = (p: Period): Span[] => [...p.months.map((m) => ({ from: m.from, to: addDays(m.until, -1) })), { from: p.from, to: p.to }];
const within = (a: Span, b: Span) => a.from >= b.from && a.to <= b.to && key(a) !== key(b);

/** Every column of one breakdown across the reports, merged by its days. Throws when two reports show one cell differently. */
export function columnsOf(published: Published[], table: string): Map<string, Column> {
  const columns = new Map<string, Column>();
  for (const { period, report } of published) {
    const tables = report.sections.flatMap((s) => s.tables);
    const t = tables.find((x) => x.key === table);
    if (!t) continue;
    const people = tables.find((x) => x.key === 'participants')!.rows.find((r) => r.key === 'people')!;
    const spans = spansOf(period);
    spans.forEach((span, c) => {
      if (table === 'demographics-age' && ageYear(span.from) !== ageYear(span.to)) return;
      const col: Column = columns.get(key(span)) ?? { ...span, total: people.cells[c]!.value!, cells: new Map<string, string>(), tilings: [] };
      columns.set(key(span), col);
      if (c === spans.length - 1 && spans.length > 2) col.tilings.push(spans.slice(0, -1));
      for (const row of t.rows) {
        const shown = row.cells[c]!.display;
        const before = col.cells.get(row.key);
        if (before !== undefined && before !== NOT_PUBLISHED && shown !== NOT_PUBLISHED && before !== shown) {
          throw new Error(`${table} / ${row.label} / ${key(span)}: "${before}" in one report, "${shown}" in ${report.period.label}`);
        }
        if (before === undefined || before === NOT_PUBLISHED) col.cells.set(row.key, shown);
      }
    });
  }
  return columns;
}

const known = (shown: string) => shown !== HIDDEN_MARK && shown !== NOT_PUBLISHED;

/** The linear program's constraints over the unknown cells, in CPLEX LP format, and the unknowns' names. */
export function constraints(columns: Map<string, Column>): {
  lines: string[];
  unknowns: Map<string, string>;
  hidden: { name: string; col: Column; row: string }[];
} {
  const unknowns = new Map<string, string>();
  const hidden: { name: string; col: Column; row: string }[] = [];
  const rows = new Set<string>();
  for (const col of columns.values())
    for (const [row, shown] of col.cells) {
      rows.add(row);
      if (known(shown)) continue;
      const name = `v${unknowns.size}`;
      unknowns.set(`${key(col)}|${row}`, name);
      if (shown === HIDDEN_MARK) hidden.push({ name, col, row });
    }
  // A cell as a linear term: [name, constant].
  const term = (col: Column, row: string): [string | null, number] => {
    const shown = col.cells.get(row);
    if (shown === undefined) return [null, 0];
    return known(shown) ? [null, Number(shown)] : [unknowns.get(`${key(col)}|${row}`)!, 0];
  };
  const lines: string[] = [];
  const add = (plus: (string | null)[], minus: (string | null)[], op: '=' | '<=', rhs: number) => {
    const vars = [...plus.filter(Boolean).map((v) => ` + ${v}`), ...minus.filter(Boolean).map((v) => ` - ${v}`)];
    if (vars.length) lines.push(`c${lines.length}:${vars.join('')} ${op} ${rhs}`);
  };
  const all = [...columns.values()];
  for (const col of all) {
    const terms = [...col.cells.keys()].map((r) => term(col, r));
    add(
      terms.map((t) => t[0]),
      [],
      '=',
      col.total - terms.reduce((a, t) => a + t[1], 0),
    );
  }
  for (const row of rows) {
    for (const a of all)
      for (const b of all) {
        if (!within(a, b)) continue;
        const [va, ca] = term(a, row);
        const [vb, cb] = term(b, row);
        if (va || vb) add([va], [vb], '<=', cb - ca); // a ≤ b
      }
    for (const b of all)
      for (const tiling of b.tilings) {
        const parts = tiling.map((s) => columns.get(key(s))).filter((c): c is Column => !!c);
        if (parts.length !== tiling.length) continue;
        const [vb, cb] = term(b, row);
        const ts = parts.map((p) => term(p, row));
        if (vb || ts.some((t) => t[0]))
          add(
            [vb],
            ts.map((t) => t[0]),
            '<=',
            ts.reduce((s, t) => s + t[1], 0) - cb,
          ); // b ≤ Σ parts
      }
  }
  return { lines, unknowns, hidden };
}

/**
 * Every hidden cell whose feasible range, from everything published, holds fewer than
 * PROTECTION_INTERVAL whole numbers (hi − lo < 9), or fewer than its column's people allow.
 */
export function attack(highs: Highs, published: Published[], tables: string[]): { findings: Finding[]; hiddenCells: number } {
  const findings: Finding[] = [];
  let hiddenCells = 0;
  for (const table of tables) {
    const columns = columnsOf(published, table);
    const { lines, unknowns, hidden } = constraints(columns);
    hiddenCells += hidden.length;
    const names = [...unknowns.values()];
    if (!hidden.length) continue;
    // One model per table, its objective changed cell by cell: each solve starts from the last basis.
    const lp = `Minimize\n obj: ${names[0]}\nSubject To\n${lines.map((l) => ` ${l}`).join('\n')}\nBounds\n${names.map((n) => ` ${n} >= 0`).join('\n')}\nEnd`;
    const model = highs.createModel({ format: 'lp', data: lp });
    model.options.set('output_flag', false);
    let last = -1;
    const solve = (sense: 'minimize' | 'maximize', v: string) => {
      const col = model.getColByName(v);
      if (last >= 0 && last !== col) model.changeColCost(last, 0);
      model.changeColCost(col, 1);
      last = col;
      model.changeObjectiveSense(highs.constants.objectiveSense[sense]);
      model.run();
      if (model.getModelStatus() !== highs.constants.modelStatus.optimal) {
        throw new Error(`${table}: the published figures admit no solution: the attacker's model is wrong`);
      }
      return model.getObjectiveValue();
    };
    try {
      for (const h of hidden) {
        const lo = solve('minimize', h.name);
        const hi = solve('maximize', h.name);
        // At least PROTECTION_INTERVAL whole numbers (0 to 9, say), or every number the column allows.
        const need = Math.min(PROTECTION_INTERVAL - 1, h.col.total);
        if (hi - lo < need - 1e-6) findings.push({ table, row: h.row, span: key(h.col), lo, hi, need });
      }
    } finally {
      model[Symbol.dispose]();
    }
  }
  return { findings, hiddenCells };
}
