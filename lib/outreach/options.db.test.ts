import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import type { Role } from '@/lib/auth/permissions.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { auditActions, expectAppError, lastAudit } from '@/lib/staff/test-helpers.ts';
import { activeOptions, createOption, listOptions, renameOption, setOptionStatus } from './options.ts';

// The settings behind /settings/outreach: every refusal a manager can meet, each beside the field it
// belongs to, and nothing written when refused.

const NOT_SETTINGS: Role[] = ['peer', 'coordinator', 'outreach'];
const nameOf = async (id: string) => (await db.outreachOption.findUniqueOrThrow({ where: { id }, select: { name: true } })).name;

describe('adding an entry', () => {
  it('refuses an empty, too long or taken name beside the name, and allows the same name in another list', async () => {
    const manager = await makeActor('manager');
    const before = await db.outreachOption.count();
    await expectAppError(createOption(manager, { list: 'zone', name: '   ' }), 'invalid', 'Enter a name.', 'name');
    await expectAppError(createOption(manager, { list: 'zone', name: 'x'.repeat(61) }), 'invalid', /60 characters/, 'name');
    await expectAppError(createOption(manager, { list: 'zone', name: 'Riverside <b>' }), 'invalid', /< and >/, 'name');
    await expectAppError(createOption(manager, { list: 'gps', name: 'Riverside' }), 'invalid', 'Choose a list.', 'list');
    await expectAppError(createOption(manager, { list: 'zone', name: ' downtown ' }), 'conflict', /already has/, 'name');
    expect(await db.outreachOption.count()).toBe(before);

    const { id } = await createOption(manager, { list: 'platform', name: 'Downtown' });
    expect(await lastAudit()).toMatchObject({ action: 'outreach_option.created', entityId: id, details: { list: 'platform' } });
    const zones = (await listOptions(manager)).filter((r) => r.list === 'zone').map((r) => r.name);
    expect(zones).toEqual(['Downtown', 'North Shore', 'Highway motels']);
  });
});

describe('renaming an entry', () => {
  it('refuses an empty or taken name, an unknown entry, and records a real rename only', async () => {
    const manager = await makeActor('manager');
    const { id } = await createOption(manager, { list: 'zone', name: 'Riverside' });
    await expectAppError(renameOption(manager, { id, name: '' }), 'invalid', 'Enter a name.', 'name');
    await expectAppError(renameOption(manager, { id, name: 'NORTH SHORE' }), 'conflict', /already has/, 'name');
    await expectAppError(renameOption(manager, { id: randomUUID(), name: 'Airport' }), 'not_found');
    await expectAppError(renameOption(manager, { id: 'not-an-id', name: 'Airport' }), 'invalid', 'That entry was not found.');
    expect(await nameOf(id)).toBe('Riverside');

    const audited = (await auditActions()).length;
    await renameOption(manager, { id, name: 'Riverside' });
    expect((await auditActions()).length, 'an unchanged name writes nothing').toBe(audited);
    await renameOption(manager, { id, name: 'riverside' }); // its own name in other letters is not taken
    expect(await nameOf(id)).toBe('riverside');
    expect(await lastAudit()).toMatchObject({ action: 'outreach_option.renamed', entityId: id, details: null });
  });
});

describe('taking an entry out of use and back', () => {
  it('leaves the phone, comes back, and refuses a repeat or an unknown entry', async () => {
    const manager = await makeActor('manager');
    const worker = await makeActor('outreach');
    const { id } = await createOption(manager, { list: 'zone', name: 'Airport' });
    expect((await activeOptions(worker)).zone.map((z) => z.name)).toContain('Airport');
    await setOptionStatus(manager, { id, status: 'inactive' });
    expect((await activeOptions(worker)).zone.map((z) => z.name)).not.toContain('Airport');
    await expectAppError(setOptionStatus(manager, { id, status: 'inactive' }), 'conflict', 'It is already out of use.');
    await expectAppError(setOptionStatus(manager, { id: randomUUID(), status: 'active' }), 'not_found');
    await expectAppError(setOptionStatus(manager, { id, status: 'gone' }), 'invalid', /Choose in use/, 'status');
    await setOptionStatus(manager, { id, status: 'active' });
    expect(await lastAudit()).toMatchObject({ action: 'outreach_option.reactivated', entityId: id });
    expect((await activeOptions(worker)).zone.map((z) => z.name)).toContain('Airport');
  });
});

describe('who may change the lists', () => {
  for (const role of NOT_SETTINGS) {
    it(`${role} may neither rename nor take entries out of use, and nothing changes`, async () => {
      const { id } = await createOption(await makeActor('manager'), { list: 'zone', name: 'Airport' });
      const actor = await makeActor(role);
      await expectAppError(renameOption(actor, { id, name: 'Harbour' }), 'forbidden');
      await expectAppError(setOptionStatus(actor, { id, status: 'inactive' }), 'forbidden');
      expect(await db.outreachOption.findUniqueOrThrow({ where: { id }, select: { name: true, active: true } })).toEqual({ name: 'Airport', active: true });
    });
  }

  it('IT support may (the lists hold no participant data)', async () => {
    const admin = await makeActor('admin');
    const { id } = await createOption(admin, { list: 'contact_kind', name: 'Bad date list handed out' });
    await renameOption(admin, { id, name: 'Bad date sheet handed out' });
    await setOptionStatus(admin, { id, status: 'inactive' });
    expect(await db.outreachOption.findUniqueOrThrow({ where: { id }, select: { name: true, active: true } })).toEqual({
      name: 'Bad date sheet handed out',
      active: false,
    });
  });
});
