import { describe, expect, it } from 'vitest';
import { makeActor } from '@/lib/db/test/actors.ts';
import { changeReferralStatus } from './change.ts';
import { createReferral } from './create.ts';
import { referralFigures } from './figures.ts';
import type { Category, Reason, ReferralStatus } from './rules.ts';
import { expectAppError, makeAgency, referralForm } from './test-helpers.ts';

const at = (day: string) => new Date(`${day}T19:00:00Z`); // 11:00 or 12:00 in Kamloops: that calendar day

/** Hand-counted fixture: agency A (housing, shelters) and B (health, sexual health). */
async function fixture() {
  const c = await makeActor('coordinator');
  const a = await makeAgency({ name: 'Agency A', categories: ['housing', 'shelters'] });
  const b = await makeAgency({ name: 'Agency B', categories: ['health', 'sexual_health'] });
  const rows: [string, string, Category, Reason, [ReferralStatus, string][]][] = [
    [
      '2026-11-01',
      a.id,
      'housing',
      'housing',
      [
        ['connected', '2026-11-03'],
        ['completed', '2026-11-04'],
      ],
    ], // 2 days
    ['2026-11-02', a.id, 'shelters', 'safety', [['connected', '2026-11-08']]], // 6 days
    ['2026-11-05', b.id, 'health', 'health', [['declined_by_agency', '2026-11-06']]],
    [
      '2026-11-10',
      b.id,
      'sexual_health',
      'sexual_health',
      [
        ['connected', '2026-11-20'],
        ['completed', '2026-11-25'],
      ],
    ], // 10 days
    ['2026-11-15', a.id, 'housing', 'housing', []],
    ['2026-10-31', a.id, 'housing', 'housing', [['connected', '2026-11-01']]], // 1 day, before November
    ['2026-12-01', b.id, 'health', 'health', []], // after November
  ];
  for (const [referredOn, agencyId, category, reasonCategory, steps] of rows) {
    const { referralId } = await createReferral(c, referralForm(agencyId, null, { referredOn, category, reasonCategory }), at('2026-12-05'));
    for (const [status, day] of steps) await changeReferralStatus(c, { referralId, status }, at(day));
  }
  return { c, a, b };
}

describe('referral figures', () => {
  it('counts November by category, what for, agency and status, with the median days to connected', async () => {
    const { c, a, b } = await fixture();
    const f = await referralFigures(c, { from: '2026-11-01', to: '2026-11-30' });
    expect(f.total).toBe(5);
    expect(f.byCategory).toEqual([
      { category: 'housing', count: 2 },
      { category: 'health', count: 1 },
      { category: 'sexual_health', count: 1 },
      { category: 'shelters', count: 1 },
    ]);
    // What for: the most first, ties in the list's order.
    expect(f.byReason).toEqual([
      { reason: 'housing', count: 2 },
      { reason: 'health', count: 1 },
      { reason: 'sexual_health', count: 1 },
      { reason: 'safety', count: 1 },
    ]);
    expect(f.byAgency).toEqual([
      { agencyId: a.id, agencyName: 'Agency A', count: 3 },
      { agencyId: b.id, agencyName: 'Agency B', count: 2 },
    ]);
    expect(f.byStatus).toEqual([
      { status: 'made', count: 1 },
      { status: 'connected', count: 1 },
      { status: 'completed', count: 2 },
      { status: 'declined_by_agency', count: 1 },
    ]);
    expect(f.connectedCount).toBe(3);
    expect(f.medianDaysToConnected).toBe(6); // of 2, 6, 10
  });

  it('takes the middle of two for an even count, and includes both end dates', async () => {
    const { c } = await fixture();
    const f = await referralFigures(c, { from: '2026-10-31', to: '2026-11-10' });
    expect(f.total).toBe(5);
    expect(f.medianDaysToConnected).toBe(4); // of 1, 2, 6, 10
  });

  it('an empty range gives zeros and no median', async () => {
    const { c } = await fixture();
    expect(await referralFigures(c, { from: '2025-01-01', to: '2025-01-31' })).toEqual({
      total: 0,
      byCategory: [],
      byReason: [],
      byAgency: [],
      byStatus: [],
      medianDaysToConnected: null,
      connectedCount: 0,
    });
  });

  it('refuses a range that ends before it starts, and peers', async () => {
    const c = await makeActor('manager');
    await expectAppError(referralFigures(c, { from: '2026-11-30', to: '2026-11-01' }), 'invalid', /before the start/);
    await expectAppError(referralFigures(await makeActor('peer'), { from: '2026-11-01', to: '2026-11-30' }), 'forbidden');
  });
});
