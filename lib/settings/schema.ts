import { z } from 'zod';
import { SETTINGS, SETTING_KEYS, type SettingKey } from './definitions.ts';

// The settings form, generated from the registry: one field per setting, each validated by the
// setting's own schema. Shared by the form and the data layer.

// An emptied box means "no value", not 0 or "": let the setting's schema say what it needs.
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

type SettingsShape = { [K in SettingKey]: z.ZodPipe<z.ZodTransform<unknown, unknown>, (typeof SETTINGS)[K]['schema']> };

export const SettingsFormSchema = z.object(
  Object.fromEntries(SETTING_KEYS.map((key) => [key, z.preprocess(blankToUndefined, SETTINGS[key].schema)])) as SettingsShape,
);
export type SettingsInput = z.infer<typeof SettingsFormSchema>;

export type SettingInputKind = 'number' | 'text' | 'checkbox';

/** How a setting's field renders, read from the type of its default. */
export function settingInputKind(key: SettingKey): SettingInputKind {
  const d = SETTINGS[key].default;
  return typeof d === 'number' ? 'number' : typeof d === 'boolean' ? 'checkbox' : 'text';
}
