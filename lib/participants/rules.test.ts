import { describe, expect, it } from 'vitest';
import { AGE_RANGES, ageRange, birthYearBounds, editRefusal, programYear, seesParticipantDetails } from './rules.ts';
import { ROLES } from '@/lib/auth/permissions.ts';

describe('ageRange', () => {
  it('bands by the age reached during the year, at each boundary', () => {
    const cases: [number, string][] = [
      [2026 - 18, 'under_25'],
      [2026 - 24, 'under_25'],
      [2026 - 25, '25_34'],
      [2026 - 34, '25_34'],
      [2026 - 35, '35_44'],
      [2026 - 44, '35_44'],
      [2026 - 45, '45_54'],
      [2026 - 54, '45_54'],
      [2026 - 55, '55_plus'],
      [2026 - 90, '55_plus'],
    ];
    for (const [year, range] of cases) expect(ageRange(year, 2026), String(year)).toBe(range);
  });

  it('lists the ranges youngest first', () => {
    expect(AGE_RANGES).toEqual(['under_25', '25_34', '35_44', '45_54', '55_plus']);
  });
});

describe('programYear', () => {
  it('is the year in Vancouver, not on the server', () => {
    // 2027-01-01 03:00 UTC is still New Year's Eve in Vancouver.
    expect(programYear(new Date('2027-01-01T03:00:00Z'))).toBe(2026);
    expect(programYear(new Date('2027-01-01T09:00:00Z'))).toBe(2027);
  });
});

describe('birthYearBounds', () => {
  it('accepts ages 12 to 100 this year', () => {
    expect(birthYearBounds(2026)).toEqual({ min: 1926, max: 2014 });
  });
});

describe('seesParticipantDetails', () => {
  it('is every role trusted with sensitive fields, and not peers or IT support', () => {
    expect(ROLES.filter((role) => seesParticipantDetails({ role }))).toEqual(['coordinator', 'outreach', 'manager']);
  });
});

describe('editRefusal', () => {
  it('refuses de-identified and merged-away records only', () => {
    expect(editRefusal({ deidentifiedAt: null, mergedIntoId: null })).toBeNull();
    expect(editRefusal({ deidentifiedAt: new Date(), mergedIntoId: null })).toMatch(/de-identified/);
    expect(editRefusal({ deidentifiedAt: null, mergedIntoId: 'x' })).toMatch(/merged into another/);
  });
});
