import { describe, expect, it } from 'vitest';
import { formatLocal } from '../../../lib/calendar/index.ts';
import { dayPlan, scalePlan } from './day-plan.ts';
import { createRandom } from './random.ts';

const local = (iso: string) => {
  const [day, hour, minute] = formatLocal(new Date(iso), 'i H m').split(' ').map(Number) as [number, number, number];
  return { day: day % 7, hour, minute };
};
const plan = (now: string, days = 60) => dayPlan(createRandom('plan'), { now: new Date(now), days });

describe('dayPlan', () => {
  it('opens Monday to Saturday at 10:00 Vancouver time, busiest mid-week, 25–45 visits a day', () => {
    const days = plan('2026-11-18T21:30:00Z');
    const past = days.slice(0, -1);
    expect(past.every((d) => local(d.opensAt).day !== 0)).toBe(true);
    expect(past.every((d) => local(d.opensAt).hour === 10 && local(d.opensAt).minute === 0)).toBe(true);
    expect(past.every((d) => d.seconds === 6 * 3600 && d.mayVoid)).toBe(true);
    const visits = past.map((d) => d.visits);
    expect(Math.min(...visits)).toBeGreaterThanOrEqual(22);
    expect(Math.max(...visits)).toBeLessThanOrEqual(50);
    const mean = (dow: number) => {
      const on = past.filter((d) => local(d.opensAt).day === dow);
      return on.reduce((s, d) => s + d.visits, 0) / on.length;
    };
    expect(mean(3)).toBeGreaterThan(mean(6) + 8);
    expect(mean(2)).toBeGreaterThan(mean(1));
  });

  it('follows the clock: 10:00 local was 18:00 UTC in winter 2025, and is 17:00 UTC since (permanent UTC−7)', () => {
    const days = plan('2026-11-18T21:30:00Z', 400);
    expect(days.find((d) => d.date === '2025-12-10')?.opensAt).toBe('2025-12-10T18:00:00.000Z');
    expect(days.find((d) => d.date === '2026-08-05')?.opensAt).toBe('2026-08-05T17:00:00.000Z');
    expect(days.find((d) => d.date === '2026-11-17')?.opensAt).toBe('2026-11-17T17:00:00.000Z');
  });

  it('ends with today so far: from opening to now, never after now, not voidable', () => {
    const now = '2026-11-18T20:30:00Z'; // 13:30
    const today = plan(now).at(-1)!;
    expect(today).toMatchObject({ date: '2026-11-18', opensAt: '2026-11-18T17:00:00.000Z', seconds: 3.5 * 3600, mayVoid: false });
    expect(today.visits).toBeGreaterThanOrEqual(6);
    expect(today.visits).toBeLessThan(30);
  });

  it('has people in before opening, on a Sunday, and just after midnight', () => {
    const early = plan('2026-11-18T13:20:00Z').at(-1)!; // 06:20
    expect(early).toMatchObject({ date: '2026-11-18', opensAt: '2026-11-18T10:20:00.000Z', seconds: 3 * 3600 });
    const sunday = plan('2026-11-22T20:00:00Z').at(-1)!;
    expect(sunday.date).toBe('2026-11-22');
    expect(sunday.visits).toBeGreaterThanOrEqual(6);
    const midnight = plan('2026-11-18T07:10:00Z').at(-1)!; // 00:10
    expect(midnight).toMatchObject({ date: '2026-11-18', opensAt: '2026-11-18T07:00:00.000Z', seconds: 600 });
    expect(plan('2026-11-18T07:00:30Z').at(-1)!.date).toBe('2026-11-17'); // under a minute of today: nothing yet
  });

  it('is the same plan for the same seed, and numbers days the same whatever the length', () => {
    expect(plan('2026-11-18T21:30:00Z')).toEqual(plan('2026-11-18T21:30:00Z'));
    const long = plan('2026-11-18T21:30:00Z', 90);
    const short = plan('2026-11-18T21:30:00Z', 30);
    expect(long.slice(-short.length)).toEqual(short);
  });
});

describe('scalePlan', () => {
  it('keeps the rhythm and reaches the total exactly', () => {
    const days = plan('2026-11-18T21:30:00Z', 400);
    const scaled = scalePlan(days, 1_000_000);
    expect(scaled.reduce((s, d) => s + d.visits, 0)).toBe(1_000_000);
    const ratio = scaled.map((d, i) => d.visits / days[i]!.visits);
    expect(Math.max(...ratio) - Math.min(...ratio)).toBeLessThan(0.1);
    expect(scalePlan(days.slice(0, 3), 7).reduce((s, d) => s + d.visits, 0)).toBe(7);
  });
});
