import 'server-only';
import { db, type Db, type Tx } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import { quarterPeriod, type Period } from '@/lib/calendar/period.ts';
import { REPORT_SECTIONS, REPORT_TITLE } from './registry.ts';
import { NOT_PUBLISHED, publishedColumns } from './publication.ts';
import { publishable, suppress, HIDDEN_MARK, type DisplayCell, type Inner, type Suppression } from './rules.ts';
import type { FigureContext, FigureTable, RenderedSection, RenderedTable, Report, SectionDefinition } from './types.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

// Builds the report once: every section's SQL figures, then suppression. The page, the CSV and the
// Excel workbook render this object, so a number is the same wherever it appears.

export const WHOLE_PERIOD = 'Whole period';
/** What a table shows for a figure with nothing to measure (an average of no stays). */
export const NOTHING = '–';

const plain = (counts: (number | null)[]) => counts.map((value) => ({ value, display: value === null ? NOTHING : String(value) }));

const unpublished: DisplayCell = { value: null, display: NOT_PUBLISHED };

/**
 * Applies the publication rule and suppression to a breakdown of people (publication.ts, rules.ts):
 * a column not published shows NOT_PUBLISHED in every row, its total too; the totals row of a
 * published column is shown as it is. Other tables are shown in full.
 */
export function renderTable(
  table: FigureTable,
  monthLabels: string[],
  published: readonly boolean[] = [...monthLabels, WHOLE_PERIOD].map(() => true),
  inner: readonly Inner[] = [],
): RenderedTable {
  const head = {
    key: table.key,
    title: table.title,
    description: table.description,
    rowHeading: table.rowHeading,
    suppress: table.suppress,
    columns: [...monthLabels, WHOLE_PERIOD],
  };
  if (!table.suppress) {
    return {
      ...head,
      rows: table.rows.map((r) => ({ key: r.key, label: r.label, cells: plain(r.counts) })),
      total: table.total ? { key: table.total.key, label: table.total.label, cells: plain(table.total.counts) } : null,
    };
  }
  // Counts of people: whole numbers; null only in a column that is not published.
  const grid = table.rows.map((r) => r.counts.map((n) => n ?? 0));
  published = publishable(grid, published, inner);
  const marks = suppress(grid, published, inner);
  const cell = (value: number, c: number, mark: Suppression | null): DisplayCell =>
    !published[c] ? unpublished : mark ? { value: null, display: HIDDEN_MARK, suppressed: mark } : { value, display: String(value) };
  return {
    ...head,
    rows: table.rows.map((r, i) => ({ key: r.key, label: r.label, cells: grid[i]!.map((v, c) => cell(v, c, marks[i]![c] ?? null)) })),
    total: table.total
      ? {
          key: table.total.key,
          label: table.total.label,
          cells: table.total.counts.map((v, c) => (published[c] && v !== null ? { value: v, display: String(v) } : unpublished)),
        }
      : null,
  };
}

/** The figure context for a period, as of `now`: settings read once. */
export async function figureContext(actor: Actor, period: Period, now: Date = programNow()): Promise<FigureContext> {
  return { actor, period, client: db, now, options: { omitDemographics: await getSetting('reports.omitDemographics') } };
}

/**
 * Inside a report's transaction, the aggregates get room to hash in memory (the default 4 MB
 * spills a year's (week, person) pairs to disk), no JIT compilation (it costs more than it saves
 * on statements that run once a page), and no parallel workers: starting them costs more than
 * they save on a year's visits, and with several managers at once they only compete for the
 * same cores (measured by `npm run bench`: about 8% off the report alone).
 */
function tune(client: Db | Tx) {
  return client.$queryRaw`SELECT set_config('work_mem', '64MB', true), set_config('jit', 'off', true), set_config('max_parallel_workers_per_gather', '0', true)`;
}

/**
 * Every section the settings leave in (or those of them in `only`), its figures read through
 * `ctx.client` (the report's transaction) and suppressed.
 */
export async function loadSections(ctx: FigureContext, only?: readonly string[]): Promise<RenderedSection[]> {
  await tune(ctx.client);
  const out = [];
  const published = publishedColumns(ctx.period, localDay(ctx.now));
  for (const s of REPORT_SECTIONS) {
    if ((s.enabled && !s.enabled(ctx)) || (only && !only.includes(s.key))) continue;
    const tables = await s.load(ctx);
    const inner = await quarterColumns(ctx, s, tables, published);
    out.push({
      key: s.key,
      title: s.title,
      description: s.description,
      tables: tables.map((t) =>
        renderTable(
          t,
          ctx.period.months.map((m) => m.label),
          published,
          inner.get(t.key),
        ),
      ),
    });
  }
  return out;
}

/**
 * A fiscal year's breakdowns of people are published beside its quarters' own reports, so its
 * whole-year column is suppressed knowing what each quarter shows (rules.ts `Inner`): the quarters'
 * breakdowns, rendered as the quarter's report renders them. Other periods: nothing.
 */
async function quarterColumns(
  ctx: FigureContext,
  section: SectionDefinition,
  tables: FigureTable[],
  published: readonly boolean[],
): Promise<Map<string, Inner[]>> {
  const inner = new Map<string, Inner[]>();
  if (ctx.period.kind !== 'fiscal' || !published.at(-1) || !tables.some((t) => t.suppress)) return inner;
  const year = +ctx.period.from.slice(0, 4);
  for (const quarter of [quarterPeriod(year, 2), quarterPeriod(year, 3), quarterPeriod(year, 4), quarterPeriod(year + 1, 1)]) {
    const qTables = await section.load({ ...ctx, period: quarter });
    const qPublished = publishedColumns(quarter, localDay(ctx.now));
    for (const t of qTables.filter((x) => x.suppress)) {
      const rendered = renderTable(
        t,
        quarter.months.map((m) => m.label),
        qPublished,
      );
      const total = t.rows.reduce((a, r) => a + (r.counts.at(-1) ?? 0), 0);
      inner.set(t.key, [...(inner.get(t.key) ?? []), { total, shown: rendered.rows.map((r) => r.cells.at(-1)!.value) }]);
    }
  }
  return inner;
}

/**
 * The read-only snapshot a report is read in, so every section sees the same data. The dashboard
 * opens three at once: room to wait for a pooled connection (Prisma's default is 2 s).
 */
export const REPORT_TRANSACTION = { isolationLevel: 'RepeatableRead', timeout: 60_000, maxWait: 15_000 } as const;

/** Reads figures in the report's kind of transaction, tuned. Its callers check the permission. */
async function inReportTransaction<T>(actor: Actor, period: Period, now: Date, read: (ctx: FigureContext) => Promise<T>): Promise<T> {
  const base = await figureContext(actor, period, now);
  return db.$transaction(async (tx) => {
    await tune(tx);
    return read({ ...base, client: tx });
  }, REPORT_TRANSACTION);
}

/**
 * Reads figures for a period the way the report does (the dashboard's weeks and last year).
 * Managers (`report:read`).
 */
export async function withFigures<T>(actor: Actor, period: Period, read: (ctx: FigureContext) => Promise<T>, now: Date = programNow()): Promise<T> {
  assertCan(actor, 'report:read');
  return inReportTransaction(actor, period, now, read);
}

/** Some of the report's sections for a period, read as the whole report reads them. */
function sectionsOf(actor: Actor, period: Period, now: Date, only?: readonly string[]): Promise<RenderedSection[]> {
  return inReportTransaction(actor, period, now, (ctx) => loadSections(ctx, only));
}

/** Loads one period's report. */
async function load(actor: Actor, period: Period, now: Date): Promise<Report> {
  const sections = await sectionsOf(actor, period, now);
  return { title: REPORT_TITLE, period: { label: period.label, from: period.from, to: period.to, fileStem: period.fileStem }, generatedAt: now, sections };
}

/**
 * The report for one period. Managers: `report:read` for the page and dashboard; the export
 * (export.ts) asks for `report:export`.
 */
export async function buildReport(
  actor: Actor,
  period: Period,
  now: Date = programNow(),
  permission: 'report:read' | 'report:export' = 'report:read',
): Promise<Report> {
  assertCan(actor, permission);
  return load(actor, period, now);
}

/**
 * Some of the report's sections (by key), with the very figures the report shows: the dashboard
 * draws no demographics, so it does not pay for them. Managers (`report:read`).
 */
export async function reportSections(actor: Actor, period: Period, keys: readonly string[], now: Date = programNow()): Promise<RenderedSection[]> {
  assertCan(actor, 'report:read');
  return sectionsOf(actor, period, now, keys);
}
