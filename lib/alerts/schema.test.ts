import { describe, expect, it } from 'vitest';
import { INCIDENT_DATE_INVALID, PrivateFieldsSchema, REPORT_NOT_FOUND, ReportSchema, TransitionSchema } from './schema.ts';

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

const ID = '7d0f1a56-2a7e-4c1e-9a53-0f2d1c3b4a5e';
const refusals = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => [i.path.join('.'), i.message]);

describe('the report form at the action’s edge', () => {
  it('hands the data layer values it takes again as themselves (empty fields and an anonymous reporter as null)', () => {
    const parsed = ReportSchema.parse({ ...form('2026-11-21'), area: ' ', venue: '', plate: 'ab 12', private: 'plate', wantsFollowUp: 'on' });
    expect(parsed).toMatchObject({ reporter: null, area: null, venue: null, plate: 'ab 12', private: ['plate'], wantsFollowUp: true, policeConsent: false });
    expect(ReportSchema.parse(parsed)).toEqual(parsed);
  });
});

describe('the review forms', () => {
  it('decodes the private-field checkboxes (one ticked, several, none) and refuses an unknown one beside them', () => {
    expect(PrivateFieldsSchema.parse({ id: ID, private: 'plate' })).toEqual({ id: ID, private: ['plate'] });
    expect(PrivateFieldsSchema.parse({ id: ID, private: ['plate', 'phone', 'plate'] })).toEqual({ id: ID, private: ['plate', 'phone'] });
    expect(PrivateFieldsSchema.parse({ id: ID })).toEqual({ id: ID, private: [] });
    expect(refusals(PrivateFieldsSchema.safeParse({ id: ID, private: ['plate', 'account'] }))).toEqual([['private.1', 'Choose fields from the list.']]);
  });

  it('refuses an unknown status button or a missing report on those (hidden) inputs', () => {
    expect(refusals(TransitionSchema.safeParse({ id: ID, action: 'delete' }))).toEqual([['action', 'That change is not possible for this report.']]);
    expect(refusals(TransitionSchema.safeParse({ action: 'publish' }))).toEqual([['id', REPORT_NOT_FOUND]]);
  });
});
