// The program's calendar: one clock, one time zone, one set of local-time rules (see README).
export { programNow, fixClock } from './clock.ts';
export { addDays, dateOnly, dayOf, daysBetween, isoWeekday, parseDay } from './days.ts';
export {
  atLocal,
  calendarIn,
  formatDate,
  formatDateTime,
  formatLocal,
  localDay,
  localTime,
  localYear,
  monthsBefore,
  parseLocalDateTime,
  programCalendar,
  type LocalCalendar,
} from './local.ts';
export { clockDescription, DEFAULT_TIME_ZONE, isKnownZone, programZoneName, TZ_DATA_VERSION, zoneLabel } from './zone.ts';
