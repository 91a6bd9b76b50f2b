import { summarize, type Summary } from './measure.ts';

// The benchmark's scenarios: each names what it measures, its target (a p95 in milliseconds)
// and how to take the samples. Features add theirs to the registry in scripts/bench/registry.ts.

export type Scenario<C> = {
  name: string;
  targetP95Ms: number;
  /**
   * For a scenario that also times a baseline (the same SQL run raw through psql): the largest
   * ratio of its p50 to the baseline's p50 that passes.
   */
  ratioGoal?: number;
  /** Durations in milliseconds, one per measured call (warm-up calls left out), and the baseline's if it has one. */
  run(ctx: C): Promise<number[] | Compared>;
};

/** Samples with a baseline's samples measured alongside, named for the table ("psql"). */
export type Compared = { samples: number[]; baseline: { name: string; samples: number[] } };

export type Comparison = { name: string; baseline: Summary; ratio: number; goal: number };

/** Thrown by a scenario that cannot run here (a feature not built yet, an app that did not build). */
export class SkipScenario extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SkipScenario';
  }
}

type Base = { scenario: string; targetP95Ms: number; ratioGoal?: number };
export type Outcome =
  (Base & { status: 'pass' | 'fail'; summary: Summary; comparison?: Comparison }) | (Base & { status: 'skipped' | 'error'; reason: string });

function compare(result: Compared, goal: number | undefined, summary: Summary): Comparison {
  if (goal === undefined) throw new Error('a scenario that measures a baseline needs a ratioGoal');
  const baseline = summarize(result.baseline.samples);
  return { name: result.baseline.name, baseline, ratio: summary.p50 / baseline.p50, goal };
}

/** Runs the scenarios one after another; one scenario's failure does not stop the others. */
export async function runScenarios<C>(scenarios: readonly Scenario<C>[], ctx: C, log: (m: string) => void): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const s of scenarios) {
    log(`▸ ${s.name}`);
    const base = { scenario: s.name, targetP95Ms: s.targetP95Ms, ...(s.ratioGoal !== undefined ? { ratioGoal: s.ratioGoal } : {}) };
    try {
      const result = await s.run(ctx);
      const summary = summarize(Array.isArray(result) ? result : result.samples);
      const comparison = Array.isArray(result) ? undefined : compare(result, s.ratioGoal, summary);
      const pass = summary.p95 <= s.targetP95Ms && (!comparison || comparison.ratio <= comparison.goal);
      outcomes.push({ ...base, status: pass ? 'pass' : 'fail', summary, ...(comparison ? { comparison } : {}) });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      outcomes.push({ ...base, status: error instanceof SkipScenario ? 'skipped' : 'error', reason });
    }
  }
  return outcomes;
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

const times = (ratio: number) => `${ratio.toFixed(2)}×`;

/**
 * One plain-text table of every outcome, then the comparisons with their baselines (the p50s and
 * their ratio) and the reasons for any scenario that did not run.
 */
export function formatTable(outcomes: readonly Outcome[]): string {
  const header = ['scenario', 'n', 'p50', 'p95', 'max', 'target', 'result'];
  const rows = outcomes.map((o) => {
    const target = `p95 ≤ ${o.targetP95Ms} ms${o.ratioGoal !== undefined ? `, p50 ≤ ${times(o.ratioGoal)} raw` : ''}`;
    if (!('summary' in o)) return [o.scenario, '—', '—', '—', '—', target, o.status];
    const { n, p50, p95, max } = o.summary;
    return [o.scenario, String(n), ms(p50), ms(p95), ms(max), target, o.status === 'pass' ? 'pass' : 'FAIL'];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = new Set([1, 2, 3, 4]);
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
  for (const o of outcomes) {
    if ('comparison' in o && o.comparison) {
      const c = o.comparison;
      out.push(
        `  ${o.scenario} — p50 ${ms(o.summary.p50)} here, ${ms(c.baseline.p50)} raw through ${c.name} (p95 ${ms(c.baseline.p95)}, n ${c.baseline.n}): ${times(c.ratio)}, goal ≤ ${times(c.goal)}`,
      );
    }
  }
  for (const o of outcomes) if ('reason' in o) out.push(`  ${o.scenario} — ${o.status}: ${o.reason}`);
  return out.join('\n');
}
