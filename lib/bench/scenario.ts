import { summarize, type Summary } from './measure.ts';

// The benchmark's scenarios: each names what it measures, its target (a p95 in milliseconds)
// and how to take the samples. Features add theirs to the registry in scripts/bench/registry.ts.

export type Scenario<C> = {
  name: string;
  targetP95Ms: number;
  /** Durations in milliseconds, one per measured call (warm-up calls left out). */
  run(ctx: C): Promise<number[]>;
};

/** Thrown by a scenario that cannot run here (a feature not built yet, an app that did not build). */
export class SkipScenario extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SkipScenario';
  }
}

type Base = { scenario: string; targetP95Ms: number };
export type Outcome = (Base & { status: 'pass' | 'fail'; summary: Summary }) | (Base & { status: 'skipped' | 'error'; reason: string });

/** Runs the scenarios one after another; one scenario's failure does not stop the others. */
export async function runScenarios<C>(scenarios: readonly Scenario<C>[], ctx: C, log: (m: string) => void): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const s of scenarios) {
    log(`▸ ${s.name}`);
    const base = { scenario: s.name, targetP95Ms: s.targetP95Ms };
    try {
      const summary = summarize(await s.run(ctx));
      outcomes.push({ ...base, status: summary.p95 <= s.targetP95Ms ? 'pass' : 'fail', summary });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0]! : String(error);
      outcomes.push({ ...base, status: error instanceof SkipScenario ? 'skipped' : 'error', reason });
    }
  }
  return outcomes;
}

const ms = (value: number) => `${value < 10 ? value.toFixed(1) : Math.round(value)} ms`;

/** One plain-text table of every outcome, then the reasons for any that did not run. */
export function formatTable(outcomes: readonly Outcome[]): string {
  const header = ['scenario', 'n', 'p50', 'p95', 'max', 'target', 'result'];
  const rows = outcomes.map((o) => {
    const target = `p95 ≤ ${o.targetP95Ms} ms`;
    if (!('summary' in o)) return [o.scenario, '—', '—', '—', '—', target, o.status];
    const { n, p50, p95, max } = o.summary;
    return [o.scenario, String(n), ms(p50), ms(p95), ms(max), target, o.status === 'pass' ? 'pass' : 'FAIL'];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const numeric = new Set([1, 2, 3, 4]);
  const line = (cells: string[]) => cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  const out = [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)];
  for (const o of outcomes) if ('reason' in o) out.push(`  ${o.scenario} — ${o.status}: ${o.reason}`);
  return out.join('\n');
}
