import { performance } from 'node:perf_hooks';

// Timing for the benchmark: run a task n times with a fixed number in flight, keep each call's
// wall time, and summarise with nearest-rank percentiles (a p95 is a time some call really took).

export type Summary = { n: number; p50: number; p95: number; max: number };

/**
 * Runs `task(0)` … `task(count - 1)` with at most `concurrency` in flight and returns one sample
 * per call in milliseconds, in call order: the call's wall time, or the number the task resolves
 * to when it times something narrower itself (time to first byte). A failing call fails the measurement.
 */
export async function measure(count: number, concurrency: number, task: (i: number) => Promise<unknown>): Promise<number[]> {
  const times = new Array<number>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const started = performance.now();
      const own = await task(i);
      times[i] = typeof own === 'number' ? own : performance.now() - started;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, count)) }, worker));
  return times;
}

/** The nearest-rank percentile (0 < p ≤ 100) of samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (!samples.length) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export function summarize(samples: readonly number[]): Summary {
  return { n: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95), max: Math.max(...samples) };
}
