import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { ROLES, type Role } from '@/lib/auth/permissions.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { mergeParticipants } from '@/lib/participants/merge.ts';
import { timelineFor } from '@/lib/timeline/sources.ts';
import { makeParticipant } from '@/lib/visits/test-helpers.ts';
import { addContact, voidContact } from './contacts.ts';
import { activeOptions, createOption, listOptions, setOptionStatus } from './options.ts';
import { currentShift, outreachStaff, recentContacts, recentShifts } from './queries.ts';
import { endShift, startShift, voidShift } from './shifts.ts';
import { contactInput, minutes, NOW, optionIds, streetShift } from './test-helpers.ts';

// Who may record and read outreach, asked of the data layer itself for every role: outreach workers,
// coordinators and managers; peers and IT support neither (the page's hidden button is a courtesy).
const RECORDS: Record<Role, boolean> = { peer: false, coordinator: true, outreach: true, manager: true, admin: false };

describe('the outreach matrix at the data layer, cell by cell', () => {
  for (const role of ROLES) {
    it(`${role} ${RECORDS[role] ? 'records and reads' : 'neither records nor reads'} outreach`, async () => {
      const actor = await makeActor(role);
      const owner = await makeActor('outreach');
      const shiftId = await streetShift(owner);
      const ids = await optionIds();
      const shift = { id: randomUUID(), mode: 'street', zoneId: ids['zone:Downtown'], startedAt: minutes(-60) };
      const contact = await contactInput(shiftId);
      const calls: [string, () => Promise<unknown>][] = [
        ['startShift', () => startShift(actor, shift, NOW)],
        ['addContact', () => addContact(actor, contact, NOW)],
        ['voidContact', () => voidContact(actor, { id: contact.id, reason: 'Mistake' }, NOW)],
        ['endShift', () => endShift(actor, { shiftId: shift.id }, NOW)],
        ['voidShift', () => voidShift(actor, { id: shift.id, reason: 'Mistake' }, NOW)],
        ['activeOptions', () => activeOptions(actor)],
        ['currentShift', () => currentShift(actor)],
        ['recentShifts', () => recentShifts(actor)],
        ['recentContacts', () => recentContacts(actor)],
        ['outreachStaff', () => outreachStaff(actor)],
      ];
      for (const [name, call] of calls) {
        if (RECORDS[role]) await expect(call(), name).resolves.not.toThrow();
        else await expectAppError(call(), 'forbidden');
      }
      expect(await db.outreachContact.count()).toBe(RECORDS[role] ? 1 : 0);
    });
  }

  it('the lists are settings: managers and IT support change them, nobody else', async () => {
    for (const role of ['peer', 'coordinator', 'outreach'] as const) {
      await expectAppError(createOption(await makeActor(role), { list: 'zone', name: 'Airport' }), 'forbidden');
      await expectAppError(listOptions(await makeActor(role)), 'forbidden');
    }
    const { id } = await createOption(await makeActor('admin'), { list: 'platform', name: 'Forums' });
    await expectAppError(createOption(await makeActor('manager'), { list: 'platform', name: 'forums' }), 'conflict', /already has/, 'name');
    await setOptionStatus(await makeActor('manager'), { id, status: 'inactive' });
    const worker = await makeActor('outreach');
    expect((await activeOptions(worker)).platform.map((p) => p.name)).toEqual(['Dating apps', 'Ad sites', 'Social media']);
    expect((await activeOptions(worker)).zone.map((p) => p.name)).toEqual(['Downtown', 'North Shore', 'Highway motels']);
    const actions = (await db.auditEvent.findMany({ select: { action: true }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['outreach_option.created', 'outreach_option.deactivated']);
  });
});

describe('the person’s timeline', () => {
  it('shows their outreach contacts to outreach roles, voided ones muted, and nothing to peers', async () => {
    const worker = await makeActor('outreach', { displayName: 'Jo Field' });
    const person = await makeParticipant(worker);
    const shiftId = await streetShift(worker);
    await addContact(worker, await contactInput(shiftId, { participantId: person.id, contactedAt: minutes(-50) }), NOW);
    const wrong = await contactInput(shiftId, { participantId: person.id, contactedAt: minutes(-40) });
    await addContact(worker, wrong, NOW);
    await voidContact(worker, { id: wrong.id, reason: 'Wrong person' }, NOW);
    const { entries } = await timelineFor(await makeActor('coordinator'), person.id);
    const outreach = entries.filter((e) => e.kind === 'outreach');
    expect(outreach).toEqual([
      { at: minutes(-40), kind: 'outreach', title: 'Outreach contact: Talk', detail: 'Voided: Wrong person', muted: true },
      { at: minutes(-50), kind: 'outreach', title: 'Outreach contact: Talk', detail: 'Street outreach, Downtown. By Jo Field.' },
    ]);
    expect((await timelineFor(await makeActor('peer'), person.id)).entries.filter((e) => e.kind === 'outreach')).toEqual([]);
  });

  it('a merge moves contacts, voided ones too, to the kept record', async () => {
    const worker = await makeActor('outreach');
    const [kept, merged] = [await makeParticipant(worker), await makeParticipant(worker)];
    const shiftId = await streetShift(worker);
    const voided = await contactInput(shiftId, { participantId: merged.id });
    await addContact(worker, voided, NOW);
    await voidContact(worker, { id: voided.id, reason: 'Duplicate' }, NOW);
    await addContact(worker, await contactInput(shiftId, { participantId: merged.id }), NOW);
    await mergeParticipants(await makeActor('manager'), { keptId: kept.id, mergedId: merged.id });
    expect(await db.outreachContact.count({ where: { participantId: kept.id } })).toBe(2);
  });
});
