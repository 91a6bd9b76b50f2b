import { describe, expect, it } from 'vitest';
import { measure, percentile, summarize } from './measure.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('percentile', () => {
  it('is the nearest-rank value', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i); // 100 … 1, unsorted
    expect(percentile(samples, 50)).toBe(50);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 1000], 95)).toBe(19);
    expect(() => percentile([], 50)).toThrow();
  });

  it('summarises n, p50, p95 and max', () => {
    expect(summarize([5, 1, 3, 2, 4])).toEqual({ n: 5, p50: 3, p95: 5, max: 5 });
  });
});

describe('measure', () => {
  it('runs every call once and keeps no more than the concurrency in flight', async () => {
    let inFlight = 0;
    let most = 0;
    const seen: number[] = [];
    const times = await measure(30, 4, async (i) => {
      seen.push(i);
      most = Math.max(most, ++inFlight);
      await sleep(5);
      inFlight--;
    });
    expect(times).toHaveLength(30);
    expect([...seen].sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(most).toBe(4);
    for (const t of times) expect(t).toBeGreaterThanOrEqual(4);
  });

  it('times each call on its own, not the whole run', async () => {
    const times = await measure(6, 1, (i) => sleep(i === 3 ? 60 : 2));
    expect(times[3]).toBeGreaterThanOrEqual(55);
    expect(Math.max(...times.filter((_, i) => i !== 3))).toBeLessThan(40);
  });

  it('takes the number a task resolves to as its sample', async () => {
    expect(
      await measure(3, 2, async (i) => {
        await sleep(5);
        return i * 10;
      }),
    ).toEqual([0, 10, 20]);
  });

  it('fails when a call fails', async () => {
    await expect(
      measure(5, 2, async (i) => {
        if (i === 2) throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
  });
});
