import { describe, expect, it } from 'vitest';
import { ageYear, publishedColumns } from './publication.ts';
import { customPeriod, fiscalPeriod, monthPeriod, quarterPeriod } from '@/lib/calendar/period.ts';

describe('publishedColumns', () => {
  it('publishes a month, and its whole-period column, only once it is over', () => {
    expect(publishedColumns(monthPeriod('2026-10'), '2026-10-31')).toEqual([false, false]);
    expect(publishedColumns(monthPeriod('2026-10'), '2026-11-01')).toEqual([true, true]);
  });

  it('shows a running quarter’s finished months, and its whole column only when it is over', () => {
    expect(publishedColumns(quarterPeriod(2026, 4), '2026-11-15')).toEqual([true, false, false, false]);
    expect(publishedColumns(quarterPeriod(2026, 4), '2027-01-01')).toEqual([true, true, true, true]);
    expect(publishedColumns(fiscalPeriod(2025), '2026-04-01').at(-1)).toBe(true);
  });

  it('shows a custom range’s whole months that are over, never its part months nor the range as a whole', () => {
    expect(publishedColumns(customPeriod('2026-07-15', '2026-10-05'), '2026-12-01')).toEqual([false, true, true, false, false]);
    // Two ranges a day apart publish exactly the same cells.
    expect(publishedColumns(customPeriod('2026-07-15', '2026-10-06'), '2026-12-01')).toEqual([false, true, true, false, false]);
    expect(publishedColumns(customPeriod('2026-08-01', '2026-09-30'), '2026-12-01')).toEqual([true, true, false]);
  });
});

describe('ageYear', () => {
  it('is the year the fiscal year began, for every month of it', () => {
    expect(['2026-04-01', '2026-11-15', '2027-03-31'].map(ageYear)).toEqual([2026, 2026, 2026]);
    expect(ageYear('2026-03-31')).toBe(2025);
  });
});
