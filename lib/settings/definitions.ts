import { z } from 'zod';

// Every program setting, its type, default and label. Stored as JSON in the `setting` table;
// a missing row means the default. Feature issues add their settings here.
export const SETTINGS = {
  'session.idleMinutes': {
    label: 'Sign out after this many idle minutes',
    schema: z.coerce
      .number({ error: 'Enter a number of minutes.' })
      .int('Use whole minutes.')
      .min(5, 'At least 5 minutes')
      .max(240, 'At most 240 minutes'),
    default: 30,
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]['schema']>;
export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[];
