import { describe, expect, it } from 'vitest';
import { customPeriod, fiscalPeriod, monthPeriod, monthsOf, parsePeriod, presets, quarterPeriod, weeksOf, yearBefore } from './period.ts';

const keys = (b: { key: string }[]) => b.map((x) => x.key);

describe('periods', () => {
  it('a month runs from its first to its last day, local midnight to local midnight', () => {
    const p = monthPeriod('2026-10');
    expect([p.from, p.to, p.label, p.fileStem]).toEqual(['2026-10-01', '2026-10-31', 'October 2026', 'lantern-report-2026-10']);
    expect(p.months).toHaveLength(1);
    // 1 October is PDT (UTC−7); 1 November is still PDT at midnight (DST ends at 2:00 that day).
    expect(p.months[0]!.startsAt.toISOString()).toBe('2026-10-01T07:00:00.000Z');
    expect(p.months[0]!.endsAt.toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(monthPeriod('2026-12').months[0]!.endsAt.toISOString()).toBe('2027-01-01T08:00:00.000Z');
  });

  it('February has 28 or 29 days', () => {
    expect(monthPeriod('2027-02').to).toBe('2027-02-28');
    expect(monthPeriod('2028-02').to).toBe('2028-02-29');
  });

  it('a quarter has three months', () => {
    const p = quarterPeriod(2026, 3);
    expect([p.from, p.to, p.fileStem]).toEqual(['2026-07-01', '2026-09-30', 'lantern-report-2026-q3']);
    expect(keys(p.months)).toEqual(['2026-07', '2026-08', '2026-09']);
    expect(p.label).toBe('July to September 2026');
  });

  it('the fiscal year runs April to March', () => {
    const p = fiscalPeriod(2026);
    expect([p.from, p.to, p.fileStem]).toEqual(['2026-04-01', '2027-03-31', 'lantern-report-fy2026-27']);
    expect(p.months).toHaveLength(12);
    expect(keys(p.months).at(-1)).toBe('2027-03');
  });

  it('a custom range clips its first and last months', () => {
    const months = monthsOf('2026-10-15', '2026-12-03');
    expect(months.map((m) => [m.key, m.from, m.until])).toEqual([
      ['2026-10', '2026-10-15', '2026-11-01'],
      ['2026-11', '2026-11-01', '2026-12-01'],
      ['2026-12', '2026-12-01', '2026-12-04'],
    ]);
    expect(customPeriod('2026-10-15', '2026-12-03').fileStem).toBe('lantern-report-2026-10-15-to-2026-12-03');
  });

  it('weeks run Monday to Sunday and are clipped to the period', () => {
    // 1 October 2026 is a Thursday.
    const weeks = weeksOf('2026-10-01', '2026-10-31');
    expect(weeks[0]).toMatchObject({ key: '2026-09-28', from: '2026-10-01', until: '2026-10-05' });
    expect(weeks.at(-1)).toMatchObject({ key: '2026-10-26', from: '2026-10-26', until: '2026-11-01' });
    expect(weeks).toHaveLength(5);
  });

  it('the year before keeps the kind of period', () => {
    expect(yearBefore(monthPeriod('2026-10')).fileStem).toBe('lantern-report-2025-10');
    expect(yearBefore(quarterPeriod(2026, 1)).from).toBe('2025-01-01');
    expect(yearBefore(fiscalPeriod(2026)).from).toBe('2025-04-01');
    expect(yearBefore(customPeriod('2028-02-29', '2028-03-10'))).toMatchObject({ from: '2027-02-28', to: '2027-03-10' });
  });
});

describe('presets', () => {
  it('are relative to the program date, not UTC', () => {
    // 1 January 2027 05:00 UTC is still 31 December 2026 in Vancouver.
    const list = presets(new Date('2027-01-01T05:00:00Z'));
    const by = Object.fromEntries(list.map((p) => [p.id, p.period]));
    expect(by['this-month']!.from).toBe('2026-12-01');
    expect(by['last-month']!.from).toBe('2026-11-01');
    expect(by['this-quarter']!.from).toBe('2026-10-01');
    expect(by['last-quarter']!.from).toBe('2026-07-01');
    expect(by['this-fiscal']!.from).toBe('2026-04-01');
    expect(by['last-fiscal']!.from).toBe('2025-04-01');
  });

  it('last quarter in the first quarter is the previous October to December', () => {
    const list = presets(new Date('2027-02-10T20:00:00Z'));
    expect(list.find((p) => p.id === 'last-quarter')!.period.from).toBe('2026-10-01');
  });
});

describe('parsePeriod', () => {
  const now = new Date('2026-11-21T20:00:00Z');

  it('reads each kind from the URL', () => {
    expect(parsePeriod({ period: 'month', month: '2026-10' }, now).period.from).toBe('2026-10-01');
    expect(parsePeriod({ period: 'quarter', quarter: '2026-Q2' }, now).period.from).toBe('2026-04-01');
    expect(parsePeriod({ period: 'fiscal', fy: '2025' }, now).period.to).toBe('2026-03-31');
    expect(parsePeriod({ period: 'custom', from: '2026-09-10', to: '2026-10-09' }, now).period.months).toHaveLength(2);
  });

  it('falls back to this month for anything it does not understand', () => {
    for (const q of [{}, { period: 'year' }, { period: 'month', month: '2026-13' }, { period: ['month', 'x'], month: 'nope' }, { period: 'fiscal', fy: '1900' }]) {
      const choice = parsePeriod(q, now);
      expect(choice.period.fileStem).toBe('lantern-report-2026-11');
      expect(choice.errors).toEqual({});
    }
  });

  it('explains a bad custom range beside its fields and keeps this month', () => {
    expect(parsePeriod({ period: 'custom', from: '2026-02-30', to: '2026-03-01' }, now).errors).toEqual({ from: 'Enter the first day as a date.' });
    const back = parsePeriod({ period: 'custom', from: '2026-10-10', to: '2026-10-01' }, now);
    expect(back.errors).toEqual({ to: 'The last day must be on or after the first day.' });
    expect(back.period.fileStem).toBe('lantern-report-2026-11');
    expect(back.custom).toEqual({ from: '2026-10-10', to: '2026-10-01' });
    expect(parsePeriod({ period: 'custom', from: '2020-01-01', to: '2026-10-01' }, now).errors.to).toMatch(/at most 36 months/);
  });
});
