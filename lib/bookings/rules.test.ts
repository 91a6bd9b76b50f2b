import { describe, expect, it } from 'vitest';
import { moveProblem, noShowDeadline, takenMessage, ticketLabel, timingProblem, transitionProblem, type BookingStatus, type Transition } from './rules.ts';

const STATUSES: BookingStatus[] = ['booked', 'checked_in', 'done', 'cancelled', 'no_show'];

describe('ticketLabel', () => {
  it('is a letter for the kind and at least two digits', () => {
    expect(ticketLabel('shower', 4)).toBe('S-04');
    expect(ticketLabel('laundry', 14)).toBe('L-14');
    expect(ticketLabel('shower', 120)).toBe('S-120');
  });
});

describe('transitionProblem', () => {
  // The whole table: which change is allowed from which status.
  const ALLOWED: Record<Transition, BookingStatus[]> = {
    check_in: ['booked'],
    done: ['checked_in'],
    cancel: ['booked'],
    no_show: ['booked'],
    reinstate: ['cancelled', 'no_show'],
  };
  for (const [t, from] of Object.entries(ALLOWED) as [Transition, BookingStatus[]][]) {
    for (const status of STATUSES) {
      it(`${t} from ${status}: ${from.includes(status) ? 'allowed' : 'refused'}`, () => {
        const problem = transitionProblem(t, status);
        if (from.includes(status)) expect(problem).toBeNull();
        else expect(problem).toMatch(/\.$/);
      });
    }
  }

  it('says why checking in a cancelled booking is refused', () => {
    expect(transitionProblem('check_in', 'cancelled')).toBe('This booking was cancelled. Reinstate it first, or make a new booking.');
  });

  it('moves only a booked place', () => {
    expect(moveProblem('booked')).toBeNull();
    for (const s of STATUSES.filter((x) => x !== 'booked')) expect(moveProblem(s)).toBeTruthy();
  });
});

describe('timingProblem', () => {
  const slot = { start: new Date('2026-11-23T18:00:00Z'), end: new Date('2026-11-23T18:30:00Z') };
  const at = (iso: string) => new Date(iso);

  it('checks in from 30 minutes before the slot until it ends', () => {
    expect(timingProblem('check_in', slot, at('2026-11-23T17:29:59Z'))).toMatch(/30 minutes before/);
    expect(timingProblem('check_in', slot, at('2026-11-23T17:30:00Z'))).toBeNull();
    expect(timingProblem('check_in', slot, at('2026-11-23T18:29:59Z'))).toBeNull();
    expect(timingProblem('check_in', slot, at('2026-11-23T18:30:00Z'))).toMatch(/over/);
  });

  it('reinstates only while the slot lasts; marks a no-show only once it has started', () => {
    expect(timingProblem('reinstate', slot, at('2026-11-23T18:30:00Z'))).toMatch(/over/);
    expect(timingProblem('reinstate', slot, at('2026-11-23T18:10:00Z'))).toBeNull();
    expect(timingProblem('no_show', slot, at('2026-11-23T17:59:00Z'))).toMatch(/not started/);
    expect(timingProblem('no_show', slot, at('2026-11-23T18:00:00Z'))).toBeNull();
    expect(timingProblem('cancel', slot, at('2026-11-23T19:00:00Z'))).toBeNull();
  });
});

describe('noShowDeadline', () => {
  it('runs the grace period from the slot start, or from the booking when it was made later', () => {
    const start = new Date('2026-11-23T18:00:00Z');
    expect(noShowDeadline(start, new Date('2026-11-23T12:00:00Z'), 10).toISOString()).toBe('2026-11-23T18:10:00.000Z');
    expect(noShowDeadline(start, new Date('2026-11-23T18:12:00Z'), 10).toISOString()).toBe('2026-11-23T18:22:00.000Z');
  });
});

describe('takenMessage', () => {
  it('names the next free time, or says to use the waitlist', () => {
    expect(takenMessage('shower', { time: '10:30', resourceName: 'Shower 2' }, 'today')).toBe('That place was just taken — next free is 10:30 (Shower 2).');
    expect(takenMessage('laundry', null, 'that day')).toBe('That place was just taken, and no other laundry is free that day. Add the person to the waitlist.');
  });
});
