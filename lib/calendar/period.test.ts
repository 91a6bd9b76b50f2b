import { describe, expect, it } from 'vitest';
import {
  customPeriod,
  during,
  fiscalPeriod,
  inSentence,
  monthPeriod,
  monthsOf,
  parsePeriod,
  periodStatus,
  presets,
  quarterPeriod,
  weeksOf,
  yearBefore,
} from './period.ts';

const keys = (b: { key: string }[]) => b.map((x) => x.key);
const labels = (b: { label: string }[]) => b.map((x) => x.label);

describe('periods', () => {
  it('a month runs from its first to its last day, local midnight to local midnight', () => {
    const p = monthPeriod('2026-10');
    expect([p.from, p.to, p.label, p.fileStem]).toEqual(['2026-10-01', '2026-10-31', 'October 2026', 'lantern-report-2026-10']);
    expect(p.months).toHaveLength(1);
    // 1 October is PDT (UTC−7); from 1 November 2026 BC stays on UTC−7 all year.
    expect(p.months[0]!.startsAt.toISOString()).toBe('2026-10-01T07:00:00.000Z');
    expect(p.months[0]!.endsAt.toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(monthPeriod('2026-12').months[0]!.endsAt.toISOString()).toBe('2027-01-01T07:00:00.000Z');
    expect(monthPeriod('2025-12').months[0]!.endsAt.toISOString()).toBe('2026-01-01T08:00:00.000Z');
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
    expect(p.label).toBe('Fiscal year 2026–27, April to March');
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

  it('labels a clipped month by its days, so it does not pass for the whole month', () => {
    expect(labels(monthsOf('2026-07-15', '2026-10-14'))).toEqual(['15–31 Jul 2026', 'Aug 2026', 'Sep 2026', '1–14 Oct 2026']);
    expect(labels(monthsOf('2026-10-03', '2026-10-20'))).toEqual(['3–20 Oct 2026']);
    expect(labels(monthsOf('2026-10-05', '2026-10-05'))).toEqual(['5 Oct 2026']);
    expect(labels(quarterPeriod(2026, 3).months)).toEqual(['Jul 2026', 'Aug 2026', 'Sep 2026']);
  });

  it('weeks run Monday to Sunday and are clipped to the period', () => {
    // 1 October 2026 is a Thursday.
    const weeks = weeksOf('2026-10-01', '2026-10-31');
    expect(weeks[0]).toMatchObject({ key: '2026-09-28', from: '2026-10-01', until: '2026-10-05' });
    expect(weeks.at(-1)).toMatchObject({ key: '2026-10-26', from: '2026-10-26', until: '2026-11-01' });
    expect(weeks).toHaveLength(5);
  });

  it('labels a whole week by its Monday and a clipped one by its days in the period', () => {
    // 1 July 2026 is a Wednesday, 30 September a Wednesday.
    const weeks = labels(weeksOf('2026-07-01', '2026-09-30'));
    expect(weeks.slice(0, 2)).toEqual(['1–5 Jul 2026', 'Week of 6 Jul 2026']);
    expect(weeks.at(-1)).toBe('28–30 Sep 2026');
    expect(labels(weeksOf('2026-09-30', '2026-10-04'))).toEqual(['30 Sep–4 Oct 2026']);
    expect(labels(weeksOf('2026-12-31', '2027-01-03'))).toEqual(['31 Dec 2026–3 Jan 2027']);
  });

  it('reads inside a sentence with a small letter and the right preposition', () => {
    expect(
      [fiscalPeriod(2025), monthPeriod('2025-10'), quarterPeriod(2025, 3), customPeriod('2025-10-01', '2025-10-14')].map((p) => [inSentence(p), during(p)]),
    ).toEqual([
      ['fiscal year 2025–26 (April to March)', 'in fiscal year 2025–26 (April to March)'],
      ['October 2025', 'in October 2025'],
      ['July to September 2025', 'from July to September 2025'],
      ['1 Oct 2025 to 14 Oct 2025', 'from 1 Oct 2025 to 14 Oct 2025'],
    ]);
  });

  it('has not started, is running or is over on today’s program date', () => {
    // 1 November 2026 06:00 UTC is still 31 October in Vancouver.
    const now = new Date('2026-11-01T06:00:00Z');
    expect(periodStatus(monthPeriod('2026-11'), now)).toBe('not-started');
    expect(periodStatus(monthPeriod('2026-10'), now)).toBe('running');
    expect(periodStatus(customPeriod('2026-10-31', '2026-10-31'), now)).toBe('running');
    expect(periodStatus(monthPeriod('2026-09'), now)).toBe('over');
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
    expect(parsePeriod({ period: 'month', month: '2026-10' }, now).period?.from).toBe('2026-10-01');
    expect(parsePeriod({ period: 'quarter', quarter: '2026-Q2' }, now).period?.from).toBe('2026-04-01');
    expect(parsePeriod({ period: 'fiscal', fy: '2025' }, now).period?.to).toBe('2026-03-31');
    expect(parsePeriod({ period: 'custom', from: '2026-09-10', to: '2026-10-09' }, now).period?.months).toHaveLength(2);
  });

  it('falls back to this month for anything it does not understand', () => {
    for (const q of [
      {},
      { period: 'year' },
      { period: 'month', month: '2026-13' },
      { period: ['month', 'x'], month: 'nope' },
      { period: 'fiscal', fy: '1900' },
    ]) {
      const choice = parsePeriod(q, now);
      expect(choice.period?.fileStem).toBe('lantern-report-2026-11');
      expect(choice.errors).toEqual({});
    }
  });

  it('explains a bad custom range beside its fields, keeps what was typed and puts no other period in its place', () => {
    const bad = parsePeriod({ period: 'custom', from: '2026-02-30', to: '2026-03-01' }, now);
    expect(bad).toEqual({ period: null, errors: { from: 'Enter the first day as a date.' }, custom: { from: '2026-02-30', to: '2026-03-01' } });
    const back = parsePeriod({ period: 'custom', from: '2026-10-10', to: '2026-10-01' }, now);
    expect(back).toEqual({ period: null, errors: { to: 'The last day must be on or after the first day.' }, custom: { from: '2026-10-10', to: '2026-10-01' } });
    const long = parsePeriod({ period: 'custom', from: '2023-01-01', to: '2026-11-30' }, now);
    expect(long.period).toBeNull();
    expect(long.custom).toEqual({ from: '2023-01-01', to: '2026-11-30' });
  });

  it('limits a custom range by the calendar months it touches, and says so', () => {
    // 36 months long, but touching 37 calendar months: 37 columns.
    expect(parsePeriod({ period: 'custom', from: '2023-12-15', to: '2026-12-14' }, now).errors).toEqual({
      to: 'Choose a range that touches at most 36 calendar months (this one touches 37).',
    });
    expect(parsePeriod({ period: 'custom', from: '2024-01-01', to: '2026-12-31' }, now).period?.months).toHaveLength(36);
    expect(parsePeriod({ period: 'custom', from: '2023-12-31', to: '2026-12-01' }, now).errors.to).toMatch(/this one touches 37/);
  });
});
