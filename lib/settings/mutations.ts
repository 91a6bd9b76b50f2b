import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { SETTING_KEYS, type SettingKey } from './definitions.ts';
import { getSetting } from './queries.ts';
import { SettingsFormSchema } from './schema.ts';
import { programNow } from '@/lib/calendar/index.ts';
import { parseOrRefuse } from '@/lib/validation.ts';

/**
 * Saves the settings form: every setting that changed, each with a `setting.updated` event, in
 * one transaction. Setting values are program configuration, not personal data, so the audit
 * event carries the new value. Managers and IT support (`settings:manage`).
 */
export async function updateSettings(actor: Actor, input: unknown): Promise<{ changed: SettingKey[] }> {
  assertCan(actor, 'settings:manage');
  const values = parseOrRefuse(SettingsFormSchema, input);
  const changed = await db.$transaction(async (tx) => {
    const keys: SettingKey[] = [];
    for (const key of SETTING_KEYS) {
      const value = values[key];
      if (JSON.stringify(await getSetting(key, tx)) === JSON.stringify(value)) continue;
      const data = { value, updatedById: actor.id, updatedAt: programNow() };
      await tx.setting.upsert({ where: { key }, create: { key, ...data }, update: data, select: { key: true } });
      const shown = typeof value === 'object' ? null : value;
      await recordAudit(tx, actor, 'setting.updated', { entityType: 'setting', entityId: key, details: { key, value: shown } });
      keys.push(key);
    }
    return keys;
  });
  return { changed };
}
