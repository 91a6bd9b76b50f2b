import { describe, expect, it } from 'vitest';
import { growingDelay, waitMessage, waitMs, type FailureCounts } from './throttle-rules.ts';

const NOW = new Date('2027-03-14T17:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000);
const counts = (patch: Partial<FailureCounts>): FailureCounts => ({
  pair: { failures: 0, last: null },
  account: { failures: 0, last: null },
  ip: { failures: 0, oldest: null },
  knownAddress: false,
  ...patch,
});

describe('growing delays', () => {
  it('are free at first, then double up to their cap', () => {
    expect([4, 5, 6, 7, 10, 50].map((n) => growingDelay(n, 5, 30_000, 900_000))).toEqual([0, 30_000, 60_000, 120_000, 900_000, 900_000]);
    expect([9, 10, 11, 14, 15, 99].map((n) => growingDelay(n, 10, 5_000, 60_000))).toEqual([0, 5_000, 10_000, 60_000, 60_000, 60_000]);
  });

  it('count from the last failure, per pair, per account and per address', () => {
    expect(waitMs(counts({ pair: { failures: 5, last: ago(10) } }), NOW)).toBe(20_000);
    expect(waitMs(counts({ pair: { failures: 5, last: ago(40) } }), NOW)).toBe(0);
    expect(waitMs(counts({ account: { failures: 30, last: ago(1) } }), NOW)).toBe(59_000);
    expect(waitMs(counts({ ip: { failures: 30, oldest: ago(60) } }), NOW)).toBe(14 * 60_000);
    expect(waitMs(counts({ ip: { failures: 29, oldest: ago(60) } }), NOW)).toBe(0);
  });

  it('never hold the person back at an address they signed in from, except for that address’s own failures', () => {
    expect(waitMs(counts({ account: { failures: 500, last: ago(0) }, knownAddress: true }), NOW)).toBe(0);
    expect(waitMs(counts({ account: { failures: 500, last: ago(0) }, pair: { failures: 6, last: ago(0) }, knownAddress: true }), NOW)).toBe(60_000);
  });

  it('are told in seconds or minutes, rounded up', () => {
    expect(waitMessage(29_001)).toBe('Too many wrong passwords. Wait 30 seconds, then try again.');
    expect(waitMessage(14 * 60_000)).toBe('Too many wrong passwords. Wait 14 minutes, then try again.');
  });
});
