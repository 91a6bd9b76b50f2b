import { describe, expect, it } from 'vitest';
import { CHANGE_REFUSED, changedFields, diffServices, mergeLines, visitChangeProblem, visitTimeProblem } from './rules.ts';

describe('visitTimeProblem', () => {
  const now = new Date('2026-11-21T20:00:00Z');
  it('allows now and the recent past', () => {
    expect(visitTimeProblem(now, now)).toBeNull();
    expect(visitTimeProblem(new Date('2026-11-01T20:00:00Z'), now)).toBeNull();
  });
  it('refuses the future, even by a second', () => {
    expect(visitTimeProblem(new Date(now.getTime() + 1000), now)).toBe('A visit cannot be in the future.');
  });
  it('refuses last year and nonsense', () => {
    expect(visitTimeProblem(new Date('2025-11-21T20:00:00Z'), now)).toMatch(/more than 31 days old/);
    expect(visitTimeProblem(new Date(NaN), now)).toBe('Enter the time of the visit.');
  });
});

describe('visitChangeProblem', () => {
  const author = { id: 'a', role: 'coordinator' as const };
  const loggedAt = new Date('2026-11-21T16:00:00Z'); // 09:00 in Vancouver (UTC−7)
  const visit = { createdById: 'a', createdAt: loggedAt, voidedAt: null, participantDeidentified: false };
  const laterToday = new Date('2026-11-22T06:59:00Z'); // 23:59 the same Vancouver day
  const tomorrow = new Date('2026-11-22T07:00:00Z');

  it('lets the author change it until the end of the program day', () => {
    expect(visitChangeProblem(author, visit, laterToday, 'edit')).toBeNull();
    expect(visitChangeProblem(author, visit, laterToday, 'void')).toBeNull();
    expect(visitChangeProblem(author, visit, tomorrow, 'edit')).toBe(CHANGE_REFUSED);
  });

  it('refuses everyone else but a program manager, who may change it any day', () => {
    for (const role of ['peer', 'coordinator', 'outreach'] as const) {
      expect(visitChangeProblem({ id: 'b', role }, visit, laterToday, 'edit'), role).toBe(CHANGE_REFUSED);
    }
    expect(visitChangeProblem({ id: 'b', role: 'manager' }, visit, new Date('2027-03-01T00:00:00Z'), 'edit')).toBeNull();
  });

  it('leaves a voided visit as it is, and a de-identified person’s visit unedited (voiding still allowed)', () => {
    const manager = { id: 'm', role: 'manager' as const };
    expect(visitChangeProblem(manager, { ...visit, voidedAt: loggedAt }, laterToday, 'void')).toMatch(/voided/);
    expect(visitChangeProblem(manager, { ...visit, participantDeidentified: true }, laterToday, 'edit')).toMatch(/de-identified/);
    expect(visitChangeProblem(manager, { ...visit, participantDeidentified: true }, laterToday, 'void')).toBeNull();
  });
});

describe('diffServices', () => {
  it('names lines added, removed and re-counted, and the fields that changed', () => {
    const diff = diffServices(
      [
        { serviceTypeId: 's', quantity: 1 },
        { serviceTypeId: 'n', quantity: 2 },
        { serviceTypeId: 'm', quantity: 1 },
      ],
      [
        { serviceTypeId: 'n', quantity: 3 },
        { serviceTypeId: 'm', quantity: 1 },
        { serviceTypeId: 'l', quantity: 1 },
      ],
    );
    expect(diff).toEqual({ added: [{ serviceTypeId: 'l', quantity: 1 }], removed: ['s'], requantified: [{ serviceTypeId: 'n', quantity: 3 }] });
    expect(changedFields(diff)).toEqual(['services', 'quantity']);
    expect(changedFields(diffServices([{ serviceTypeId: 's', quantity: 1 }], [{ serviceTypeId: 's', quantity: 1 }]))).toEqual([]);
  });
});

describe('mergeLines', () => {
  it('appends new types, sums a supply, keeps a service at one', () => {
    const kinds = new Map([
      ['shower', 'service'],
      ['condoms', 'supply'],
      ['meal', 'service'],
    ] as const);
    const merged = mergeLines(
      [
        { serviceTypeId: 'shower', quantity: 1 },
        { serviceTypeId: 'condoms', quantity: 2 },
      ],
      [
        { serviceTypeId: 'condoms', quantity: 3 },
        { serviceTypeId: 'shower', quantity: 1 },
        { serviceTypeId: 'meal', quantity: 1 },
      ],
      kinds,
    );
    expect(merged).toEqual([
      { serviceTypeId: 'shower', quantity: 1 },
      { serviceTypeId: 'condoms', quantity: 5 },
      { serviceTypeId: 'meal', quantity: 1 },
    ]);
  });
});
