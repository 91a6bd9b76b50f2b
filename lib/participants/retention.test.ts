import { describe, expect, it } from 'vitest';
import { retentionCutoff } from './retention.ts';

describe('retentionCutoff', () => {
  it('counts calendar months back in Vancouver time, keeping the wall-clock time across daylight saving', () => {
    // 2026-01-21 10:00 PST is 18:00Z; six months later, 2026-07-21 10:00 PDT is 17:00Z.
    expect(retentionCutoff(new Date('2026-07-21T17:00:00Z'), 6).toISOString()).toBe('2026-01-21T18:00:00.000Z');
    // Since November 2026 BC keeps UTC−7: 10:00 on 2026-11-21 is 17:00Z, and 10:00 two years earlier (PST) 18:00Z.
    expect(retentionCutoff(new Date('2026-11-21T17:00:00Z'), 24).toISOString()).toBe('2024-11-21T18:00:00.000Z');
  });

  it('lands on the last day of a shorter month', () => {
    expect(retentionCutoff(new Date('2026-05-31T19:00:00Z'), 3).toISOString()).toBe('2026-02-28T20:00:00.000Z');
  });

  it('uses the Vancouver date, not the UTC one, late in the evening', () => {
    // 2026-03-31 20:00 PDT is already April 1 in UTC; a month back is 2026-02-28 20:00 PST.
    expect(retentionCutoff(new Date('2026-04-01T03:00:00Z'), 1).toISOString()).toBe('2026-03-01T04:00:00.000Z');
  });
});
