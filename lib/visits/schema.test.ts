import { describe, expect, it } from 'vitest';
import { EditVisitFormSchema, LogVisitSchema, QuickLogFormSchema, quickLogFormToInput, visitField } from './schema.ts';

const KEY = '6f1d3c52-6f0e-4c55-9f4a-2d1f0b7f5a10';
const P = '0b8e7a52-3c1f-4a8e-9d62-5f7c1e2a9b30';
const SHOWER = '1e2d3c4b-5a69-4788-9766-554433221100';
const NALOXONE = '2e2d3c4b-5a69-4788-9766-554433221100';

describe('quickLogFormToInput', () => {
  it('turns the panel’s fields into logVisit’s shape', () => {
    const input = quickLogFormToInput({ idempotencyKey: KEY, participantId: P, service: [SHOWER, NALOXONE], [`quantity.${NALOXONE}`]: '2' });
    // No same-day choice sent: the server asks (it does not take silence for "new visit").
    expect(input).toEqual({
      idempotencyKey: KEY,
      participantId: P,
      services: [
        { serviceTypeId: SHOWER, quantity: 1 },
        { serviceTypeId: NALOXONE, quantity: 2 },
      ],
      visitedAt: undefined,
      sameDay: 'ask',
    });
    expect(LogVisitSchema.safeParse(input).success).toBe(true);
  });

  it('passes the same-day choice on as sent, with the visit to add to', () => {
    const add = quickLogFormToInput({ idempotencyKey: KEY, participantId: P, service: SHOWER, sameDay: 'add', addToVisitId: NALOXONE });
    expect(add).toMatchObject({ sameDay: 'add', addToVisitId: NALOXONE });
    expect(quickLogFormToInput({ idempotencyKey: KEY, participantId: P, sameDay: 'new' })).toMatchObject({ sameDay: 'new' });
    const bogus = quickLogFormToInput({ idempotencyKey: KEY, participantId: P, service: SHOWER, sameDay: 'maybe' });
    expect(LogVisitSchema.safeParse(bogus).success).toBe(false);
  });

  it('reads an anonymous visit, a single service and a time in Vancouver', () => {
    const input = quickLogFormToInput({ idempotencyKey: KEY, participantId: 'anonymous', service: SHOWER, visitedAt: '2026-11-21T14:05' });
    expect(input.participantId).toBeNull();
    expect(input.services).toEqual([{ serviceTypeId: SHOWER, quantity: 1 }]);
    expect(input.visitedAt?.toISOString()).toBe('2026-11-21T21:05:00.000Z');
  });

  it('leaves bad values for the schema to refuse, beside the right field', () => {
    const cases: [Record<string, unknown>, string | undefined, RegExp][] = [
      [{ participantId: '' }, 'participantId', /Find the participant/],
      [{ participantId: 'robin' }, 'participantId', /participant was not found/],
      [{ service: [SHOWER, SHOWER] }, 'services', /only once/],
      [{ service: 'shower' }, 'services', /services was not found/],
      [{ service: NALOXONE, [`quantity.${NALOXONE}`]: '' }, `quantity.${NALOXONE}`, /from 1 to 500/],
      [{ service: NALOXONE, [`quantity.${NALOXONE}`]: '0' }, `quantity.${NALOXONE}`, /from 1 to 500/],
      [{ service: NALOXONE, [`quantity.${NALOXONE}`]: '-3' }, `quantity.${NALOXONE}`, /from 1 to 500/],
      [{ service: NALOXONE, [`quantity.${NALOXONE}`]: '501' }, `quantity.${NALOXONE}`, /from 1 to 500/],
      [{ service: NALOXONE, [`quantity.${NALOXONE}`]: '1.5' }, `quantity.${NALOXONE}`, /from 1 to 500/],
      [{ service: NALOXONE, [`quantity.${NALOXONE}`]: 'lots' }, `quantity.${NALOXONE}`, /from 1 to 500/],
      [{ visitedAt: 'yesterday' }, 'visitedAt', /time of the visit/],
      [{ idempotencyKey: 'x' }, undefined, /expired/],
    ];
    for (const [patch, field, message] of cases) {
      const input = quickLogFormToInput({ idempotencyKey: KEY, participantId: P, ...patch });
      const result = LogVisitSchema.safeParse(input);
      expect(result.success, JSON.stringify(patch)).toBe(false);
      const issue = result.error!.issues[0]!;
      expect(issue.message, JSON.stringify(patch)).toMatch(message);
      expect(visitField(issue.path, input), JSON.stringify(patch)).toBe(field);
    }
  });
});

// The actions' edge: the same rules, each refusal already on the form's field (none: the form's).
const refusals = (r: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  r.success ? [] : r.error!.issues.map((i) => [i.path.join('.'), i.message]);

describe('QuickLogFormSchema', () => {
  it('decodes the ticked services, their quantities and the same-day choice', () => {
    expect(
      QuickLogFormSchema.parse({ idempotencyKey: KEY, participantId: P, service: [SHOWER, NALOXONE], [`quantity.${NALOXONE}`]: '3', sameDay: 'new' }),
    ).toEqual({
      idempotencyKey: KEY,
      participantId: P,
      services: [
        { serviceTypeId: SHOWER, quantity: 1 },
        { serviceTypeId: NALOXONE, quantity: 3 },
      ],
      sameDay: 'new',
    });
    expect(QuickLogFormSchema.parse({ idempotencyKey: KEY, participantId: P, service: SHOWER, sameDay: 'add', addToVisitId: NALOXONE })).toEqual({
      idempotencyKey: KEY,
      participantId: P,
      services: [{ serviceTypeId: SHOWER, quantity: 1 }],
      sameDay: 'add',
      addToVisitId: NALOXONE,
    });
  });

  it('refuses each bad value on the field it is shown beside, and an expired key for the whole form', () => {
    expect(refusals(QuickLogFormSchema.safeParse({ idempotencyKey: KEY, participantId: P, service: NALOXONE, [`quantity.${NALOXONE}`]: '0' }))).toEqual([
      [`quantity.${NALOXONE}`, 'Enter a whole number from 1 to 500.'],
    ]);
    expect(refusals(QuickLogFormSchema.safeParse({ idempotencyKey: KEY, participantId: P, service: SHOWER, sameDay: 'maybe' }))).toEqual([
      ['sameDay', 'Choose Add to that visit or New visit.'],
    ]);
    expect(refusals(QuickLogFormSchema.safeParse({ idempotencyKey: 'x', participantId: P, service: SHOWER }))).toEqual([
      ['', 'This form has expired. Reload the page and try again.'],
    ]);
    // Adding to a visit that is not theirs: said for the form, which asks again.
    expect(refusals(QuickLogFormSchema.safeParse({ idempotencyKey: KEY, participantId: P, service: SHOWER, sameDay: 'add', addToVisitId: 'gone' }))).toEqual([
      ['', 'That visit is not this person’s visit today. Choose again.'],
    ]);
  });
});

describe('EditVisitFormSchema', () => {
  it('decodes the services and refuses a missing visit for the whole form', () => {
    expect(EditVisitFormSchema.parse({ visitId: P, service: SHOWER })).toEqual({ visitId: P, services: [{ serviceTypeId: SHOWER, quantity: 1 }] });
    expect(refusals(EditVisitFormSchema.safeParse({ service: SHOWER }))).toEqual([['', 'That visit was not found.']]);
    expect(refusals(EditVisitFormSchema.safeParse({ visitId: P, service: [SHOWER, SHOWER] }))).toEqual([['services', 'Tick each service only once.']]);
  });
});
