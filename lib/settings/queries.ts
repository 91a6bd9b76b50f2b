import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { SETTINGS, type SettingKey, type SettingValue } from './definitions.ts';

/**
 * Reads one setting. Internal (no actor): settings such as the idle timeout are needed before
 * anyone is authorized. Values are validated; a corrupt row falls back to the default.
 */
export async function getSetting<K extends SettingKey>(key: K, client: Tx | typeof db = db): Promise<SettingValue<K>> {
  const row = await client.setting.findUnique({ where: { key }, select: { value: true } });
  const def = SETTINGS[key];
  if (!row) return def.default as SettingValue<K>;
  const parsed = def.schema.safeParse(row.value);
  return (parsed.success ? parsed.data : def.default) as SettingValue<K>;
}
