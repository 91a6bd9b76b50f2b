import { describe, expect, it } from 'vitest';
import {
  addDays,
  atLocal,
  calendarIn,
  dateOnly,
  daysBetween,
  formatDateTime,
  formatLocal,
  isoWeekday,
  localDay,
  localTime,
  localYear,
  monthsBefore,
  parseDay,
  parseLocalDateTime,
  programNow,
  fixClock,
  TZ_DATA_VERSION,
} from './index.ts';
import { isKnownZone, programZoneName } from './zone.ts';

// The program's clock reads the IANA data the project pins (moment-timezone), so these hold on a
// host whose Node (ICU tz 2025c) and PostgreSQL (tzdata 2025b) still fall back to UTC−8 in BC.

const at = (iso: string) => new Date(iso);

describe('the program’s local time (America/Vancouver, permanent UTC−7 since 2026)', () => {
  it('reads tz data 2026b or later', () => {
    expect(TZ_DATA_VERSION >= '2026b').toBe(true);
  });

  it('puts 2026-12-05T23:43Z at 16:43 on 5 December in Kamloops', () => {
    expect(localDay(at('2026-12-05T23:43:00Z'))).toBe('2026-12-05');
    expect(localTime(at('2026-12-05T23:43:00Z'))).toBe('16:43');
    expect(formatDateTime('2026-12-05T23:43:00.000Z')).toBe('2026-12-05 16:43');
  });

  it('starts 6 December at 07:00Z, so 07:30Z belongs to it', () => {
    expect(localDay(at('2026-12-06T07:30:00Z'))).toBe('2026-12-06');
    expect(localDay(at('2026-12-06T06:59:59Z'))).toBe('2026-12-05');
    expect(atLocal('2026-12-06', 0).toISOString()).toBe('2026-12-06T07:00:00.000Z');
  });

  it('no longer falls back in November: the 1st of a winter month starts at 07:00Z', () => {
    expect(atLocal('2026-11-01', 0).toISOString()).toBe('2026-11-01T07:00:00.000Z');
    expect(atLocal('2027-01-01', 0).toISOString()).toBe('2027-01-01T07:00:00.000Z');
    expect(localDay(at('2027-01-01T07:30:00Z'))).toBe('2027-01-01');
    expect(atLocal('2027-03-14', 150).toISOString()).toBe('2027-03-14T09:30:00.000Z');
    expect(localDay(at('2027-11-07T08:30:00Z'))).toBe('2027-11-07');
    expect(localDay(at('2028-02-29T19:00:00Z'))).toBe('2028-02-29');
  });

  it('still reads the old rules for the past: winter 2025–26 was UTC−8, and 8 March 2026 skipped 2:00–3:00', () => {
    expect(atLocal('2026-01-15', 9 * 60).toISOString()).toBe('2026-01-15T17:00:00.000Z');
    expect(localDay(at('2026-01-01T07:30:00Z'))).toBe('2025-12-31');
    // 2:30 did not happen that night: it moves forward to 3:30 PDT.
    expect(atLocal('2026-03-08', 150).toISOString()).toBe('2026-03-08T10:30:00.000Z');
  });

  it('reads a 24:00 closing time as the next midnight', () => {
    expect(atLocal('2026-12-05', 24 * 60).toISOString()).toBe(atLocal('2026-12-06', 0).toISOString());
  });

  it('formats any date-fns pattern on the wall clock, and the year at the program', () => {
    expect(formatLocal(at('2026-12-06T06:30:00Z'), 'EEEE d MMMM, HH:mm')).toBe('Saturday 5 December, 23:30');
    expect(localYear(at('2027-01-01T06:59:00Z'))).toBe(2026);
    expect(localYear(at('2027-01-01T07:00:00Z'))).toBe(2027);
  });

  it('reads a datetime-local value as program time and refuses anything else', () => {
    expect(parseLocalDateTime('2026-12-05T16:43')?.toISOString()).toBe('2026-12-05T23:43:00.000Z');
    expect(parseLocalDateTime('2026-07-01T09:00')?.toISOString()).toBe('2026-07-01T16:00:00.000Z');
    for (const bad of [
      '',
      'tomorrow',
      '2026-13-40T10:00',
      '2026-02-30T10:00',
      '2026-11-21T25:00',
      '2026-11-21T14:60',
      '2026-11-21 14:05',
      '2026-11-21T14:05:00Z',
    ]) {
      expect(parseLocalDateTime(bad), bad).toBeNull();
    }
  });

  it('counts months back on the wall clock, the 31st becoming the month’s last day', () => {
    expect(monthsBefore(at('2027-03-31T18:00:00Z'), 1).toISOString()).toBe('2027-02-28T18:00:00.000Z');
    // Across the change of rules the wall clock holds: 11:00 then is 11:00 now.
    expect(formatLocal(monthsBefore(at('2026-12-05T18:00:00Z'), 12), 'yyyy-MM-dd HH:mm')).toBe('2025-12-05 11:00');
  });
});

describe('another program’s zone', () => {
  it('gives America/Edmonton its own day boundaries', () => {
    const edmonton = calendarIn('America/Edmonton');
    const instant = at('2026-12-06T06:30:00Z');
    expect(edmonton.localDay(instant)).toBe('2026-12-06');
    expect(edmonton.localTime(instant)).toBe('0:30');
    expect(localDay(instant)).toBe('2026-12-05');
    expect(edmonton.atLocal('2026-12-06', 0).toISOString()).not.toBe(atLocal('2026-12-06', 0).toISOString());
  });

  it('knows BC’s other rules: Creston and Dawson Creek are UTC−7 all year', () => {
    for (const zone of ['America/Creston', 'America/Dawson_Creek']) {
      const c = calendarIn(zone);
      expect(c.atLocal('2025-07-01', 0).toISOString(), zone).toBe('2025-07-01T07:00:00.000Z');
      expect(c.atLocal('2025-12-01', 0).toISOString(), zone).toBe('2025-12-01T07:00:00.000Z');
    }
  });

  it('takes the setting from LANTERN_TIME_ZONE, and refuses a name the data does not know', () => {
    expect(programZoneName({})).toBe('America/Vancouver');
    expect(programZoneName({ LANTERN_TIME_ZONE: 'America/Edmonton' })).toBe('America/Edmonton');
    expect(isKnownZone('America/Vancouver')).toBe(true);
    expect(isKnownZone('Mars/Olympus_Mons')).toBe(false);
    expect(() => calendarIn('Mars/Olympus_Mons')).toThrow(/Unknown time zone/);
  });
});

describe('calendar dates', () => {
  it('are real dates or nothing: 2026-02-30 and 2026-11-31 are refused, not rolled over', () => {
    expect(parseDay('2028-02-29')).toBe('2028-02-29');
    for (const bad of ['2026-02-30', '2026-11-31', '2027-02-29', '2026-1-5', '', null, 20261205]) expect(parseDay(bad), String(bad)).toBeNull();
  });

  it('add, count and name weekdays without a time zone', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(daysBetween('2026-12-05', '2027-01-01')).toBe(27);
    expect(isoWeekday('2026-12-06')).toBe(7);
    expect(isoWeekday('2026-12-07')).toBe(1);
    expect(dateOnly('2026-11-21').toISOString()).toBe('2026-11-21T00:00:00.000Z');
  });
});

describe('the program clock', () => {
  it('is the host’s clock, unless a test holds it still', () => {
    const before = Date.now();
    expect(programNow().getTime()).toBeGreaterThanOrEqual(before);
    fixClock('2027-03-14T09:30:00Z');
    try {
      expect(programNow().toISOString()).toBe('2027-03-14T09:30:00.000Z');
      expect(localDay(programNow())).toBe('2027-03-14');
    } finally {
      fixClock(null);
    }
    expect(Math.abs(programNow().getTime() - Date.now())).toBeLessThan(1000);
  });
});
