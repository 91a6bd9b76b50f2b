import { z } from 'zod';

// Every program setting, its type, default and label. Stored as JSON in the `setting` table;
// a missing row means the default. Feature issues add their settings here.
export const SETTINGS = {
  'session.idleMinutes': {
    label: 'Sign out after this many idle minutes',
    schema: z.coerce.number({ error: 'Enter a number of minutes.' }).int('Use whole minutes.').min(5, 'At least 5 minutes').max(240, 'At most 240 minutes'),
    default: 30,
  },
  // Records with no activity for this long are de-identified (lib/participants/retention.ts).
  'retention.months': {
    label: 'De-identify participant records after this many months without activity',
    schema: z.coerce.number({ error: 'Enter a number of months.' }).int('Use whole months.').min(6, 'At least 6 months').max(120, 'At most 120 months'),
    default: 24,
  },
  // A booking not checked in this long after its slot starts is marked missed and frees its place
  // (lib/bookings/sweep.ts).
  'bookings.graceMinutes': {
    label: 'Release a shower or laundry booking when nobody has come this many minutes into the slot',
    schema: z.coerce.number({ error: 'Enter a number of minutes.' }).int('Use whole minutes.').min(0, 'At least 0 minutes').max(60, 'At most 60 minutes'),
    default: 10,
  },
  // Read by the booking_daily_limit trigger too (migration 20261121050000_bookings).
  'bookings.perPersonPerDay': {
    label: 'Shower bookings one person may hold per day (and the same for laundry)',
    schema: z.coerce.number({ error: 'Enter a number.' }).int('Use a whole number.').min(1, 'At least 1').max(5, 'At most 5'),
    default: 1,
  },
  // Funder reports (lib/reports): leave out the age, gender, Indigenous identity and travelling tables.
  'reports.omitDemographics': {
    label: 'Leave demographic breakdowns (age, gender, Indigenous identity, travelling) out of reports',
    schema: z.preprocess((v) => v === true || v === 'true' || v === 'on', z.boolean()),
    default: false,
  },
  // Published alerts older than this leave the alert sheet but stay searchable (lib/alerts/queries.ts).
  'alerts.sheetDays': {
    label: 'Keep a published aggressor alert on the alert sheet for this many days',
    schema: z.coerce.number({ error: 'Enter a number of days.' }).int('Use whole days.').min(7, 'At least 7 days').max(730, 'At most 730 days'),
    default: 90,
  },
  // Safe Suite (lib/safe-suite). The turnover in effect is copied onto each stay when it is made, so
  // changing it never invalidates stays already booked.
  'suite.turnoverHours': {
    label: 'Hours kept free after a Safe Suite stay for cleaning',
    schema: z.coerce.number({ error: 'Enter a number of hours.' }).int('Use whole hours.').min(0, 'At least 0 hours').max(24, 'At most 24 hours'),
    default: 3,
  },
  'suite.maxNights': {
    label: 'Longest Safe Suite stay in nights (longer needs a manager’s approval)',
    schema: z.coerce.number({ error: 'Enter a number of nights.' }).int('Use whole nights.').min(1, 'At least 1 night').max(30, 'At most 30 nights'),
    default: 3,
  },
  'suite.welfareCheckMinutes': {
    label: 'Minutes between welfare checks during a Safe Suite stay',
    schema: z.coerce.number({ error: 'Enter a number of minutes.' }).int('Use whole minutes.').min(15, 'At least 15 minutes').max(720, 'At most 720 minutes'),
    default: 120,
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
