import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { promisify } from 'node:util';
import type pg from 'pg';
import type { Actor } from '../../lib/auth/session.ts';
import { measure } from './measure.ts';
import type { Compared, Scenario } from './scenario.ts';
import type { Tx } from '../../lib/db/client.ts';
import type { Prisma } from '../../lib/db/generated/client.ts';
import type { BenchContext } from './context.ts';
import { signIn, timeWholeResponse } from './http.ts';
import { managerAccount } from './run-state.ts';

// Issue 8's targets (funder statistics), on the dataset's last twelve whole months: the report page
// and the dashboard render in ≤ 1 s, the CSV and Excel files arrive whole in ≤ 2 s, and the
// report's aggregates cost the app at most 1.5 times what the same SQL costs run raw through psql.
// A manager is signed in for these (the runner is a coordinator, who may not see reports).

/** The dataset ends on 2026-11-20: its last twelve whole months. */
export const REPORT_PERIOD = { period: 'custom', from: '2025-11-01', to: '2026-10-31' } as const;
const QUERY = new URLSearchParams(REPORT_PERIOD).toString();
const RUNS = 10;
const WARM_UP = 2;

let manager: Promise<{ email: string; password: string; actor: Actor }> | undefined;

/** The bench manager: an account made once per run, and the Actor its live session resolves to. */
export function benchManager(ctx: BenchContext) {
  return (manager ??= (async () => {
    const account = await managerAccount(ctx.sql);
    return { email: account.email, password: account.password, actor: await ctx.actorOf(account.id) };
  })());
}

let signedIn: Promise<{ baseUrl: string; cookie: string }> | undefined;

function managerApp(ctx: BenchContext) {
  return (signedIn ??= (async () => {
    const { baseUrl } = await ctx.app();
    const { email, password } = await benchManager(ctx);
    return { baseUrl, cookie: await signIn(baseUrl, email, password) };
  })());
}

/** A scenario timing one GET of the manager's, whole response, one at a time. */
function page(name: string, pathname: string, targetP95Ms: number): Scenario<BenchContext> {
  return {
    name,
    targetP95Ms,
    async run(ctx) {
      const { baseUrl, cookie } = await managerApp(ctx);
      await measure(WARM_UP, 1, () => timeWholeResponse(baseUrl, pathname, cookie));
      return measure(RUNS, 1, () => timeWholeResponse(baseUrl, pathname, cookie));
    },
  };
}

const isSql = (v: unknown): v is Prisma.Sql => typeof v === 'object' && v !== null && !Array.isArray(v) && 'strings' in v && 'values' in v;

/**
 * The report's transaction, recording every statement it runs. Sections read through `$queryRaw`
 * only; anything else would not be replayed through psql, so it fails the measurement.
 */
function recording(tx: Tx, into: Prisma.Sql[], sql: (strings: readonly string[], ...values: unknown[]) => Prisma.Sql): Tx {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop !== '$queryRaw') throw new Error(`a report section used ${String(prop)}; the benchmark replays $queryRaw only`);
      return (first: TemplateStringsArray | Prisma.Sql, ...values: unknown[]) => {
        const query = isSql(first) ? first : sql(first, ...values);
        into.push(query);
        return target.$queryRaw(query);
      };
    },
  });
}

/** A parameter as a SQL literal, as the pg driver would send it (arrays as array literals, dates as ISO instants). */
function literal(client: pg.Client, value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof Date) return client.escapeLiteral(value.toISOString());
  if (Array.isArray(value)) {
    const element = (e: unknown) => (e === null ? 'NULL' : `"${String(e instanceof Date ? e.toISOString() : e).replace(/["\\]/g, '\\$&')}"`);
    return client.escapeLiteral(`{${value.map(element).join(',')}}`);
  }
  return client.escapeLiteral(String(value));
}

/** The statement with its parameters written in, for psql. */
function inline(client: pg.Client, query: Prisma.Sql): string {
  return query.text.replace(/\$(\d+)/g, (_, n: string) => literal(client, query.values[Number(n) - 1]));
}

const execFileAsync = promisify(execFile);

/** Runs the statements through psql, `runs` times, each time in a transaction like the app's; the milliseconds psql timed for each run. */
async function psqlRuns(url: string, statements: string[], runs: number): Promise<number[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lantern-bench-psql-'));
  try {
    const block = ['BEGIN ISOLATION LEVEL REPEATABLE READ;', ...statements.map((s) => `${s.trim()};`), 'COMMIT;'];
    const file = path.join(dir, 'report.sql');
    writeFileSync(file, ['\\timing on', ...Array.from({ length: runs }, () => block.join('\n'))].join('\n'));
    // Rows go to /dev/null (psql still reads every one); the timings come on standard output.
    const { stdout } = await execFileAsync('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-o', '/dev/null', '-f', file], { maxBuffer: 1 << 24 });
    const times = [...stdout.matchAll(/^Time: ([\d.]+) ms/gm)].map((m) => Number(m[1]));
    if (times.length !== runs * block.length) throw new Error(`psql timed ${times.length} statements, not ${runs * block.length}`);
    return Array.from({ length: runs }, (_, i) => times.slice(i * block.length, (i + 1) * block.length).reduce((a, b) => a + b, 0));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The report for the period as the app makes it (the data layer in this process) against its SQL run raw through psql. */
const aggregates: Scenario<BenchContext> = {
  name: 'funder report, 12 months: the app against raw SQL',
  targetP95Ms: 1000,
  ratioGoal: 1.5,
  async run(ctx): Promise<Compared> {
    const { buildReport, figureContext, loadSections, REPORT_TRANSACTION } = await import('../../lib/reports/build.ts');
    const { parsePeriod } = await import('../../lib/calendar/period.ts');
    const { db } = await import('../../lib/db/client.ts');
    const { Prisma } = await import('../../lib/db/generated/client.ts');
    const { actor } = await benchManager(ctx);
    const period = parsePeriod(REPORT_PERIOD).period!;

    const captured: Prisma.Sql[] = [];
    const base = await figureContext(actor, period);
    await db.$transaction((tx) => loadSections({ ...base, client: recording(tx, captured, Prisma.sql) }), REPORT_TRANSACTION);
    const statements = captured.map((q) => inline(ctx.sql, q));
    ctx.log(`the report runs ${statements.length} statements`);
    // To study the plans: BENCH_REPORT_SQL=/tmp/report.sql keeps them, ready for psql and EXPLAIN.
    if (process.env.BENCH_REPORT_SQL) writeFileSync(process.env.BENCH_REPORT_SQL, statements.map((s) => `${s.trim()};\n`).join('\n'));

    const once = async () => {
      const started = performance.now();
      await buildReport(actor, period);
      return performance.now() - started;
    };
    await measure(WARM_UP, 1, once);
    const samples = await measure(RUNS, 1, once);
    const baseline = (await psqlRuns(ctx.databaseUrl, statements, WARM_UP + RUNS)).slice(WARM_UP);
    return { samples, baseline: { name: 'psql', samples: baseline } };
  },
};

export const reportScenarios: Scenario<BenchContext>[] = [
  aggregates,
  page('funder report page, 12 months, whole response', `/reports/full?${QUERY}`, 1000),
  page('reports dashboard, 12 months and the year before, whole response', `/reports?${QUERY}`, 1000),
  page('funder report CSV, 12 months, whole file', `/reports/download?format=csv&${QUERY}`, 2000),
  page('funder report Excel, 12 months, whole file', `/reports/download?format=xlsx&${QUERY}`, 2000),
];
