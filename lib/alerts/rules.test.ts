import { describe, expect, it } from 'vitest';
import { STATUSES, TEXT_FIELDS, type ReportText } from './labels.ts';
import { ACTIONS, actionsFor, ALERT_VIEW_KEYS, nextStatus, onSheet, publishProblem, toAlertView, type AlertSource } from './rules.ts';

describe('the status machine', () => {
  // Written out by hand: new → reviewed → published → archived, withdrawn from any open state.
  const EXPECTED: Record<string, Record<string, string | null>> = {
    new: { review: 'reviewed', publish: null, archive: null, withdraw: 'withdrawn' },
    reviewed: { review: null, publish: 'published', archive: null, withdraw: 'withdrawn' },
    published: { review: null, publish: null, archive: 'archived', withdraw: 'withdrawn' },
    archived: { review: null, publish: null, archive: null, withdraw: null },
    withdrawn: { review: null, publish: null, archive: null, withdraw: null },
  };
  for (const status of STATUSES) {
    for (const action of ACTIONS) {
      it(`${status} + ${action} → ${EXPECTED[status]![action] ?? 'refused'}`, () => {
        expect(nextStatus(status, action)).toBe(EXPECTED[status]![action]);
      });
    }
  }
  it('offers only the possible actions', () => {
    expect(actionsFor('new')).toEqual(['review', 'withdraw']);
    expect(actionsFor('withdrawn')).toEqual([]);
  });
});

const text = (over: Partial<ReportText> = {}): ReportText => ({ ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, null])), ...over }) as ReportText;
const source = (over: Partial<AlertSource> = {}): AlertSource => ({
  id: 'r1',
  incidentDate: '2026-11-01',
  timeOfDay: 'night',
  mode: 'street',
  venue: null,
  types: ['robbery_theft'],
  privateFields: [],
  publishedAt: null,
  text: text({ area: 'North Shore', appearance: 'Tall, grey beard', plate: 'AB K7 21', account: 'He took my bag' }),
  ...over,
});

describe('the redaction', () => {
  it('has exactly the alert keys and never the account', () => {
    const view = toAlertView(source());
    expect(Object.keys(view).sort()).toEqual([...ALERT_VIEW_KEYS].sort());
    expect(view.shown).toEqual({ area: 'North Shore', appearance: 'Tall, grey beard', plate: 'AB K7 21' });
    expect(JSON.stringify(view)).not.toContain('bag');
  });
  it('leaves out fields marked private', () => {
    const view = toAlertView(source({ privateFields: ['plate', 'area'] }));
    expect(view.shown).toEqual({ appearance: 'Tall, grey beard' });
    expect(JSON.stringify(view)).not.toMatch(/K7|North/);
  });
  it('publishing needs a description that may be shown', () => {
    expect(publishProblem(toAlertView(source()))).toBeNull();
    expect(publishProblem(toAlertView(source({ privateFields: ['appearance'] })))).toMatch(/description/);
    expect(publishProblem(toAlertView(source({ text: text({ plate: 'X1' }) })))).toMatch(/description/);
  });
  it('keeps an alert on the sheet for the set number of days', () => {
    const now = new Date('2026-11-21T12:00:00Z');
    expect(onSheet(new Date('2026-08-23T12:00:00Z'), now, 90)).toBe(true);
    expect(onSheet(new Date('2026-08-23T11:59:00Z'), now, 90)).toBe(false);
  });
});
