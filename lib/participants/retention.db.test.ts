import { afterEach, describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { SETTING_KEYS, SETTINGS } from '@/lib/settings/definitions.ts';
import { updateSettings } from '@/lib/settings/mutations.ts';
import { DEIDENTIFY_HOOKS, OPERATOR, previewRetention, retentionCutoff, runRetention } from './retention.ts';
import { dumpTable, expectAppError, logVisit, makeParticipant, participantRow } from './lifecycle-test-helpers.ts';

const NOW = new Date();
const monthsAgo = (m: number, extraDays = 0) => new Date(retentionCutoff(NOW, m).getTime() - extraDays * 86_400_000);

/** A record with every field answered, last active at `at`. */
async function fullRecord(staffId: string, at: Date) {
  const p = await makeParticipant(staffId, {
    birthYear: 1988,
    birthYearState: 'answered',
    gender: 'self_described',
    genderSelfDescribed: 'butch femme',
    indigenousIdentity: 'first_nations',
    pronouns: 'they/them',
    pronounsState: 'answered',
    language: 'Secwepemctsín',
    languageState: 'answered',
    homeCommunity: 'Chase',
    homeCommunityState: 'answered',
    travelling: 'no',
    safeContact: 'Leave a message at the band office',
    notes: 'Knows the outreach van schedule',
  });
  await logVisit(staffId, p.id, new Date(at.getTime() - 86_400_000), { shower: 1, naloxone: 2 });
  await db.participant.update({ where: { id: p.id }, data: { lastActivityAt: at } });
  return p;
}

// Hooks the features register (e.g. referrals); each test may add its own, and the list is put back after.
const REGISTERED = [...DEIDENTIFY_HOOKS];

describe('retention', () => {
  afterEach(() => {
    DEIDENTIFY_HOOKS.splice(0, DEIDENTIFY_HOOKS.length, ...REGISTERED);
  });

  it('previews a count without changing anything, then de-identifies exactly those records', async () => {
    const manager = await makeActor('manager');
    const stale = [await fullRecord(manager.id, monthsAgo(24, 1)), await fullRecord(manager.id, monthsAgo(60))];
    const recent = await fullRecord(manager.id, monthsAgo(24, -1));
    const merged = await makeParticipant(manager.id, { lastActivityAt: monthsAgo(30) });
    await db.participant.update({ where: { id: merged.id }, data: { mergedIntoId: recent.id, alias: null } });

    const before = await dumpTable('participant');
    expect(await previewRetention(manager, NOW)).toEqual({ months: 24, cutoff: retentionCutoff(NOW, 24), count: 2 });
    expect(await dumpTable('participant')).toBe(before);
    expect(await db.auditEvent.count()).toBe(0);

    expect(await runRetention(manager, { now: NOW })).toMatchObject({ months: 24, count: 2, batches: 1 });
    for (const p of stale) {
      expect(await participantRow(p.id)).toMatchObject({
        // Erased:
        alias: null,
        safeContactEnc: null,
        notesEnc: null,
        pronouns: null,
        language: null,
        homeCommunity: null,
        genderSelfDescribed: null,
        deidentifiedAt: NOW,
        // Kept, so past statistics do not change:
        code: p.code,
        birthYear: 1988,
        gender: 'self_described',
        indigenousIdentity: 'first_nations',
        travelling: 'no',
        visitCount: 1,
      });
      expect(await db.visit.count({ where: { participantId: p.id } })).toBe(1);
      // Their dated notes keep kind, time and author (for the program's own counts) but lose their words.
      expect(await db.participantNote.findMany({ where: { participantId: p.id }, select: { textEnc: true, authorId: true } })).toEqual([
        { textEnc: null, authorId: manager.id },
      ]);
    }
    expect(await db.participantNote.count({ where: { participantId: recent.id, textEnc: { not: null } } })).toBe(1);
    expect(await participantRow(recent.id)).toMatchObject({ alias: recent.alias, deidentifiedAt: null, pronouns: 'they/them' });
    const dump = await dumpTable('participant');
    for (const p of stale) expect(dump).not.toContain(p.alias!);
    for (const text of ['butch femme', 'Chase', 'they/them']) expect(dump.split('\n').filter((l) => l.includes(text))).toHaveLength(1);

    const events = await db.auditEvent.findMany({ orderBy: { id: 'asc' }, select: { action: true, actorId: true, entityId: true, details: true } });
    expect(events.map((e) => [e.action, e.entityId])).toEqual([
      ...stale
        .map((p) => p.id)
        .sort()
        .map((id) => ['participant.deidentified', id]),
      ['retention.ran', null],
    ]);
    expect(events.at(-1)).toMatchObject({ actorId: manager.id, details: { count: 2, months: 24, batches: 1, via: 'settings' } });
    const audit = await dumpTable('audit_event');
    for (const p of stale) expect(audit).not.toContain(p.alias!);
    expect(await previewRetention(manager, NOW)).toMatchObject({ count: 0 });
  });

  it('follows the retention.months setting', async () => {
    const manager = await makeActor('manager');
    await fullRecord(manager.id, monthsAgo(7));
    await fullRecord(manager.id, monthsAgo(5));
    expect((await previewRetention(manager, NOW)).count).toBe(0);
    await db.setting.create({ data: { key: 'retention.months', value: 6 } });
    expect(await previewRetention(manager, NOW)).toMatchObject({ months: 6, count: 1 });
    expect((await runRetention(OPERATOR, { now: NOW })).count).toBe(1);
    const ran = await db.auditEvent.findFirstOrThrow({ where: { action: 'retention.ran' } });
    expect(ran).toMatchObject({ actorId: null, details: { count: 1, months: 6, via: 'command' } });
  });

  it('the setting takes whole months from 6 to 120; anything else is refused beside the field', async () => {
    const manager = await makeActor('manager');
    const form = (months: string) => ({ ...Object.fromEntries(SETTING_KEYS.map((k) => [k, String(SETTINGS[k].default)])), 'retention.months': months });
    const bad: [string, RegExp][] = [
      ['5', /At least 6 months/],
      ['121', /At most 120 months/],
      ['12.5', /whole months/],
      ['', /Enter a number of months/],
      ['two years', /Enter a number of months/],
    ];
    for (const [value, message] of bad) {
      await expect(updateSettings(manager, form(value))).rejects.toMatchObject({
        code: 'invalid',
        field: 'retention.months',
        userMessage: expect.stringMatching(message),
      });
    }
    expect((await previewRetention(manager, NOW)).months).toBe(24);
    await updateSettings(manager, form('6'));
    expect((await previewRetention(manager, NOW)).months).toBe(6);
  });

  it('works in batches, each running the hooks of later features with its ids', async () => {
    const manager = await makeActor('manager');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await makeParticipant(manager.id, { lastActivityAt: monthsAgo(30) })).id);
    const seen: string[][] = [];
    DEIDENTIFY_HOOKS.push(async (tx, batch) => {
      // Inside the batch's transaction: the rows are already erased there.
      expect(await tx.participant.count({ where: { id: { in: batch }, alias: null } })).toBe(batch.length);
      seen.push(batch);
    });
    expect(await runRetention(manager, { now: NOW, batchSize: 2 })).toMatchObject({ count: 5, batches: 3 });
    expect(seen.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(seen.flat().sort()).toEqual(ids.sort());
  });

  it('a failing hook rolls its batch back', async () => {
    const manager = await makeActor('manager');
    const p = await makeParticipant(manager.id, { lastActivityAt: monthsAgo(30) });
    DEIDENTIFY_HOOKS.push(async () => {
      throw new Error('hook failed');
    });
    await expect(runRetention(manager, { now: NOW })).rejects.toThrow('hook failed');
    expect(await participantRow(p.id)).toMatchObject({ alias: p.alias, deidentifiedAt: null });
    expect(await db.auditEvent.count()).toBe(0);
  });

  for (const role of ROLES.filter((r) => !roleCan(r, 'retention:run'))) {
    it(`refuses a ${role}, changing nothing`, async () => {
      const actor = await makeActor(role);
      const p = await makeParticipant(actor.id, { lastActivityAt: monthsAgo(30) });
      await expectAppError(previewRetention(actor), 'forbidden');
      await expectAppError(runRetention(actor), 'forbidden');
      expect((await participantRow(p.id)).alias).toBe(p.alias);
      expect(await db.auditEvent.count()).toBe(0);
    });
  }
});
