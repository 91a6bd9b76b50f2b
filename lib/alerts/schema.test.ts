import { describe, expect, it } from 'vitest';
import { INCIDENT_DATE_INVALID, ReportSchema } from './schema.ts';

// The form posts strings; only the incident date matters here, the rest is a valid street report.
const form = (incidentDate: unknown) => ({ incidentDate, timeOfDay: 'night', mode: 'street', types: ['robbery_theft'], reporter: 'anonymous' });

describe('the bad date report’s incident date', () => {
  it('is kept as typed when it is a real date', () => {
    expect(ReportSchema.parse(form('2028-02-29')).incidentDate).toBe('2028-02-29');
  });

  for (const impossible of ['2026-02-30', '2026-11-31', '2027-02-29']) {
    it(`refuses ${impossible} beside the field instead of rolling it over`, () => {
      const issues = ReportSchema.safeParse(form(impossible)).error?.issues ?? [];
      expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([['incidentDate', INCIDENT_DATE_INVALID]]);
    });
  }

  it('asks for a date when none is given', () => {
    expect(ReportSchema.safeParse(form('')).error?.issues.map((i) => i.message)).toEqual(['Enter the date it happened.']);
  });
});
