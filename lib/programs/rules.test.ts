import { describe, expect, it } from 'vitest';
import { formatLocal } from '@/lib/calendar/index.ts';
import { averagePerSession, firstMeetingDay, generationWindow, plannedSessions, sessionHasStarted, type Schedule } from './rules.ts';

const tuesdayBreakfast: Schedule = { frequency: 'weekly', weekday: 2, startMin: 9 * 60, endMin: 11 * 60, activeFrom: '2026-01-01', activeTo: null };
const local = (d: Date) => formatLocal(d, 'EEE, HH:mm');

describe('plannedSessions', () => {
  it('gives every Tuesday at 9:00 local, in the window', () => {
    const s = plannedSessions(tuesdayBreakfast, '2026-11-01', '2026-11-30');
    expect(s.map((x) => x.day)).toEqual(['2026-11-03', '2026-11-10', '2026-11-17', '2026-11-24']);
    expect(s.every((x) => local(x.startsAt) === 'Tue, 09:00' && local(x.endsAt) === 'Tue, 11:00')).toBe(true);
  });

  it('keeps 9:00 on the wall clock across the last autumn change (PDT -7 before, PST -8 after)', () => {
    // 2025-11-02 was the last time BC's clocks went back.
    const [before, after] = plannedSessions({ ...tuesdayBreakfast, activeFrom: '2025-01-01' }, '2025-10-28', '2025-11-04');
    expect(before!.startsAt.toISOString()).toBe('2025-10-28T16:00:00.000Z');
    expect(after!.startsAt.toISOString()).toBe('2025-11-04T17:00:00.000Z');
  });

  it('keeps 9:00 at 16:00 UTC through November 2026 and after, BC being on UTC−7 for good', () => {
    const [before, after] = plannedSessions(tuesdayBreakfast, '2026-10-27', '2026-11-03');
    expect(before!.startsAt.toISOString()).toBe('2026-10-27T16:00:00.000Z');
    expect(after!.startsAt.toISOString()).toBe('2026-11-03T16:00:00.000Z');
  });

  it('keeps the wall clock across the spring change, including a session on the change day', () => {
    // 2026-03-08 is the second Sunday of March: clocks go forward at 2:00.
    const sunday: Schedule = { ...tuesdayBreakfast, weekday: 7, startMin: 10 * 60, endMin: 12 * 60 };
    const s = plannedSessions(sunday, '2026-03-01', '2026-03-15');
    expect(s.map((x) => x.startsAt.toISOString())).toEqual(['2026-03-01T18:00:00.000Z', '2026-03-08T17:00:00.000Z', '2026-03-15T17:00:00.000Z']);
    expect(s.map((x) => (x.endsAt.getTime() - x.startsAt.getTime()) / 3_600_000)).toEqual([2, 2, 2]);
  });

  it('a session spanning the 2:00 jump is an hour shorter in real time, as the wall clock says', () => {
    const night: Schedule = { ...tuesdayBreakfast, weekday: 7, startMin: 60, endMin: 4 * 60 };
    const [s] = plannedSessions(night, '2026-03-08', '2026-03-08');
    expect((s!.endsAt.getTime() - s!.startsAt.getTime()) / 3_600_000).toBe(2);
  });

  it('skips closed days and keeps the rhythm after them', () => {
    const s = plannedSessions(tuesdayBreakfast, '2026-12-20', '2027-01-06', new Set(['2026-12-29']));
    expect(s.map((x) => x.day)).toEqual(['2026-12-22', '2027-01-05']);
  });

  it('fortnightly counts its weeks from the first meeting, whatever window is asked for', () => {
    const alumni: Schedule = { ...tuesdayBreakfast, frequency: 'fortnightly', weekday: 4, activeFrom: '2026-10-01' };
    expect(firstMeetingDay(alumni)).toBe('2026-10-01');
    expect(plannedSessions(alumni, '2026-10-01', '2026-11-15').map((x) => x.day)).toEqual(['2026-10-01', '2026-10-15', '2026-10-29', '2026-11-12']);
    // Asked from a week that is "off": the next meeting is still on the rhythm.
    expect(plannedSessions(alumni, '2026-10-08', '2026-10-30').map((x) => x.day)).toEqual(['2026-10-15', '2026-10-29']);
  });

  it('stays within the active dates', () => {
    const series: Schedule = { ...tuesdayBreakfast, weekday: 3, activeFrom: '2026-11-05', activeTo: '2026-11-25' };
    expect(plannedSessions(series, '2026-11-01', '2026-12-31').map((x) => x.day)).toEqual(['2026-11-11', '2026-11-18', '2026-11-25']);
    expect(plannedSessions(series, '2026-12-01', '2026-12-31')).toEqual([]);
  });

  it('gives nothing for a window that ends before it starts', () => {
    expect(plannedSessions(tuesdayBreakfast, '2026-11-30', '2026-11-01')).toEqual([]);
  });
});

describe('helpers', () => {
  it('generation window is today and 8 weeks on, in program dates', () => {
    expect(generationWindow(new Date('2026-11-22T06:30:00Z'))).toEqual({ from: '2026-11-21', to: '2027-01-16' });
  });
  it('a session has started on its own program date, not before', () => {
    const start = new Date('2026-11-24T16:00:00Z');
    expect(sessionHasStarted(start, new Date('2026-11-24T07:30:00Z'))).toBe(true);
    expect(sessionHasStarted(start, new Date('2026-11-24T06:30:00Z'))).toBe(false);
  });
  it('average per session has one decimal and is 0 with no session', () => {
    expect(averagePerSession(22, 3)).toBe(7.3);
    expect(averagePerSession(0, 0)).toBe(0);
  });
});
