import { describe, expect, it } from 'vitest';
import {
  CHANGE_REFUSED, changedFields, dateOnly, diffServices, parseProgramDateTime, programDate, visitChangeProblem, visitTimeProblem,
} from './rules.ts';

describe('programDate', () => {
  it('is the Vancouver calendar date, not the UTC one', () => {
    // 07:30 UTC on the 22nd is 23:30 on the 21st in Vancouver (PST, UTC-8).
    expect(programDate(new Date('2026-11-22T07:30:00Z'))).toBe('2026-11-21');
    expect(programDate(new Date('2026-11-22T08:00:00Z'))).toBe('2026-11-22');
    // Summer time (PDT, UTC-7).
    expect(programDate(new Date('2026-07-01T06:59:00Z'))).toBe('2026-06-30');
    expect(programDate(new Date('2026-07-01T07:00:00Z'))).toBe('2026-07-01');
  });

  it('travels to a date column as midnight UTC', () => {
    expect(dateOnly('2026-11-21').toISOString()).toBe('2026-11-21T00:00:00.000Z');
  });
});

describe('parseProgramDateTime', () => {
  it('reads a datetime-local value as Vancouver time', () => {
    expect(parseProgramDateTime('2026-11-21T14:05')?.toISOString()).toBe('2026-11-21T22:05:00.000Z');
    expect(parseProgramDateTime('2026-07-01T09:00')?.toISOString()).toBe('2026-07-01T16:00:00.000Z');
  });

  it('refuses anything else', () => {
    for (const bad of ['', 'tomorrow', '2026-13-40T10:00', '2026-11-21T25:00', '2026-11-21 14:05', '2026-11-21T14:05:00Z']) {
      expect(parseProgramDateTime(bad), bad).toBeNull();
    }
  });
});

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
  const loggedAt = new Date('2026-11-21T17:00:00Z'); // 09:00 in Vancouver
  const visit = { createdById: 'a', createdAt: loggedAt, voidedAt: null, participantDeidentified: false };
  const laterToday = new Date('2026-11-22T07:59:00Z'); // 23:59 the same Vancouver day
  const tomorrow = new Date('2026-11-22T08:00:00Z');

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
      [{ serviceTypeId: 's', quantity: 1 }, { serviceTypeId: 'n', quantity: 2 }, { serviceTypeId: 'm', quantity: 1 }],
      [{ serviceTypeId: 'n', quantity: 3 }, { serviceTypeId: 'm', quantity: 1 }, { serviceTypeId: 'l', quantity: 1 }],
    );
    expect(diff).toEqual({ added: [{ serviceTypeId: 'l', quantity: 1 }], removed: ['s'], requantified: [{ serviceTypeId: 'n', quantity: 3 }] });
    expect(changedFields(diff)).toEqual(['services', 'quantity']);
    expect(changedFields(diffServices([{ serviceTypeId: 's', quantity: 1 }], [{ serviceTypeId: 's', quantity: 1 }]))).toEqual([]);
  });
});

describe('programTime and programDayLabel', () => {
  it('show the clock and the day in Vancouver', async () => {
    const { programTime, programDayLabel } = await import('./rules.ts');
    expect(programTime(new Date('2026-11-22T07:30:00Z'))).toBe('23:30');
    expect(programTime('2026-07-01T16:05:00.000Z')).toBe('09:05');
    expect(programDayLabel(new Date('2026-11-22T07:30:00Z'))).toBe('Saturday 21 November');
  });
});
