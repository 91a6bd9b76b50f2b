import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { AppError } from '@/lib/errors.ts';
import { getSetting } from './queries.ts';
import { SETTING_KEYS, SETTINGS } from './definitions.ts';
import { updateSettings } from './mutations.ts';

const KEY = 'session.idleMinutes';

/**
 * The settings form as the browser posts it: every setting, at its default unless given. An
 * unticked checkbox (a boolean setting that is off) is not posted at all; a ticked one posts "true".
 */
const form = (values: Record<string, unknown>) => ({
  ...Object.fromEntries(SETTING_KEYS.filter((k) => SETTINGS[k].default !== false).map((k) => [k, String(SETTINGS[k].default)])),
  ...values,
});

describe('updateSettings', () => {
  it('reads a ticked checkbox as on and a missing one as off (leaving demographics out of reports)', async () => {
    const manager = await makeActor('manager');
    const KEY_OMIT = 'reports.omitDemographics';
    expect(await getSetting(KEY_OMIT)).toBe(false);
    expect(await updateSettings(manager, form({ [KEY_OMIT]: 'true' }))).toEqual({ changed: [KEY_OMIT] });
    expect(await getSetting(KEY_OMIT)).toBe(true);
    expect(await updateSettings(manager, form({}))).toEqual({ changed: [KEY_OMIT] });
    expect(await getSetting(KEY_OMIT)).toBe(false);
  });

  for (const role of ROLES.filter((r) => roleCan(r, 'settings:manage'))) {
    it(`saves a changed setting for a ${role}, with its audit event`, async () => {
      const actor = await makeActor(role);
      expect(await updateSettings(actor, form({ [KEY]: '45' }))).toEqual({ changed: [KEY] });
      expect(await getSetting(KEY)).toBe(45);
      const row = await db.setting.findUniqueOrThrow({ where: { key: KEY }, select: { updatedById: true } });
      expect(row.updatedById).toBe(actor.id);
      const events = await db.auditEvent.findMany({ select: { action: true, actorId: true, entityType: true, entityId: true, details: true } });
      expect(events).toEqual([{ action: 'setting.updated', actorId: actor.id, entityType: 'setting', entityId: KEY, details: { key: KEY, value: 45 } }]);
    });
  }

  it('records nothing when the value did not change', async () => {
    const manager = await makeActor('manager');
    expect(await updateSettings(manager, form({ [KEY]: '30' }))).toEqual({ changed: [] });
    await updateSettings(manager, form({ [KEY]: '60' }));
    expect(await updateSettings(manager, form({ [KEY]: ' 60 ' }))).toEqual({ changed: [] });
    expect(await db.auditEvent.count()).toBe(1);
  });

  const BAD: [string, unknown, RegExp][] = [
    ['too small', '4', /At least 5 minutes/],
    ['too large', '241', /At most 240 minutes/],
    ['not whole', '12.5', /whole minutes/],
    ['empty', '', /Enter a number of minutes/],
    ['missing', undefined, /Enter a number of minutes/],
    ['text', 'thirty', /Enter a number of minutes/],
    ['a script tag', '<script>alert(1)</script>', /Enter a number of minutes/],
    ['oversized', '9'.repeat(1000), /Enter a number of minutes|At most/],
    ['a control character', '3\u00070', /Enter a number of minutes/],
  ];
  for (const [what, value, message] of BAD) {
    it(`refuses a value that is ${what}, beside the field, changing nothing`, async () => {
      const manager = await makeActor('manager');
      const error = await updateSettings(manager, form({ [KEY]: value })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      expect(error).toMatchObject({ code: 'invalid', field: KEY });
      expect((error as AppError).userMessage).toMatch(message);
      expect(await db.setting.count()).toBe(0);
      expect(await db.auditEvent.count()).toBe(0);
    });
  }

  for (const role of ROLES.filter((r) => !roleCan(r, 'settings:manage'))) {
    it(`refuses a ${role}`, async () => {
      const actor = await makeActor(role);
      await expect(updateSettings(actor, form({ [KEY]: '45' }))).rejects.toMatchObject({ code: 'forbidden' });
      expect(await getSetting(KEY)).toBe(30);
      expect(await db.auditEvent.count()).toBe(0);
    });
  }
});
