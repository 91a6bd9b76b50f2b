import { describe, expect, it } from 'vitest';
import { LogVisitSchema, quickLogFormToInput, visitField } from './schema.ts';

const KEY = '6f1d3c52-6f0e-4c55-9f4a-2d1f0b7f5a10';
const P = '0b8e7a52-3c1f-4a8e-9d62-5f7c1e2a9b30';
const SHOWER = '1e2d3c4b-5a69-4788-9766-554433221100';
const NALOXONE = '2e2d3c4b-5a69-4788-9766-554433221100';

describe('quickLogFormToInput', () => {
  it('turns the panel’s fields into logVisit’s shape', () => {
    const input = quickLogFormToInput({ idempotencyKey: KEY, participantId: P, service: [SHOWER, NALOXONE], [`quantity.${NALOXONE}`]: '2' });
    // No same-day choice sent: the server asks (it does not take silence for "new visit").
    expect(input).toEqual({ idempotencyKey: KEY, participantId: P, services: [{ serviceTypeId: SHOWER, quantity: 1 }, { serviceTypeId: NALOXONE, quantity: 2 }], visitedAt: undefined, sameDay: 'ask' });
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
