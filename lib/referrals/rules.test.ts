import { describe, expect, it } from 'vitest';
import {
  CATEGORY_LABELS,
  defaultFollowUp,
  REASON_LABELS,
  REASONS,
  followUpProblem,
  isDue,
  NEXT,
  STATUSES,
  transitionProblem,
  type ReferralStatus,
} from './rules.ts';

// Every pair of statuses, by hand: the allowed ones listed, everything else refused.
const ALLOWED: [ReferralStatus, ReferralStatus][] = [
  ['made', 'connected'],
  ['made', 'declined_by_person'],
  ['made', 'declined_by_agency'],
  ['made', 'no_response'],
  ['made', 'closed'],
  ['connected', 'completed'],
  ['connected', 'declined_by_person'],
  ['connected', 'declined_by_agency'],
  ['connected', 'closed'],
  ['no_response', 'connected'],
  ['no_response', 'closed'],
];

describe('referral status machine', () => {
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      const allowed = ALLOWED.some(([f, t]) => f === from && t === to);
      it(`${from} → ${to} is ${allowed ? 'allowed' : 'refused'}`, () => {
        const problem = transitionProblem(from, to);
        if (allowed) expect(problem).toBeNull();
        else expect(problem).toMatch(/\w/);
      });
    }
  }

  it('says why in plain words', () => {
    expect(transitionProblem('made', 'completed')).toBe('A referral that is "made" cannot become "completed".');
    expect(transitionProblem('completed', 'made')).toBe('This referral has ended (completed); make a new referral instead.');
    expect(transitionProblem('connected', 'connected')).toBe('This referral is already "connected".');
  });

  it('lists exactly the hand-written transitions', () => {
    expect(Object.entries(NEXT).flatMap(([f, ts]) => ts.map((t) => [f, t])).length).toBe(ALLOWED.length);
  });
});

describe('follow-ups', () => {
  it('defaults to a week after the referral, across month and year ends', () => {
    expect(defaultFollowUp('2026-11-21')).toBe('2026-11-28');
    expect(defaultFollowUp('2026-11-28')).toBe('2026-12-05');
    expect(defaultFollowUp('2026-12-29')).toBe('2027-01-05');
  });

  it('refuses a follow-up before the referral date, allows the same day', () => {
    expect(followUpProblem('2026-11-21', '2026-11-20')).toBe('The follow-up cannot be before the referral date.');
    expect(followUpProblem('2026-11-21', '2026-11-21')).toBeNull();
  });

  it('is due on and after its date while the referral is open', () => {
    expect(isDue('made', '2026-11-28', '2026-11-27')).toBe(false);
    expect(isDue('made', '2026-11-28', '2026-11-28')).toBe(true);
    expect(isDue('connected', '2026-11-20', '2026-11-28')).toBe(true);
    expect(isDue('no_response', '2026-11-20', '2026-11-28')).toBe(true);
    expect(isDue('completed', '2026-11-20', '2026-11-28')).toBe(false);
    expect(isDue('closed', '2026-11-20', '2026-11-28')).toBe(false);
  });
});

describe('words', () => {
  it('says "transitioning", never "exiting"', () => {
    expect(CATEGORY_LABELS.transitioning_support).toBe('Transitioning support');
    expect(Object.values(CATEGORY_LABELS).join(' ')).not.toMatch(/exit/i);
  });
});

describe('ids from a URL', () => {
  it('accepts a UUID only', async () => {
    const { isUuid } = await import('./rules.ts');
    expect(isUuid('6f1c0a52-1d3e-4c4b-9a55-2b9f2b7f4e10')).toBe(true);
    expect(isUuid('------------------------------------')).toBe(false);
    expect(isUuid(undefined)).toBe(false);
  });
});

describe('what a referral is for', () => {
  it('is a short fixed list, each with plain, respectful words ("career change", never "exiting")', () => {
    expect(REASONS.length).toBeLessThanOrEqual(15);
    expect(Object.keys(REASON_LABELS).sort()).toEqual([...REASONS].sort());
    for (const r of REASONS) expect(REASON_LABELS[r]).toMatch(/^[A-Z][A-Za-z ,]+$/);
    expect(Object.values(REASON_LABELS).join(' ')).not.toMatch(/exit|client|case/i);
    expect(REASON_LABELS.career_change).toBe('Career change');
    expect(REASONS.at(-1)).toBe('other');
  });
});
