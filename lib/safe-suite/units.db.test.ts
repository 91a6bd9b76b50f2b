import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { createUnit, listUnitSettings, updateUnit } from './units.ts';
import { book, expectAppError, makePerson, snapshot } from './test-helpers.ts';

describe('units in settings', () => {
  for (const role of ['manager', 'admin'] as const) {
    it(`a ${role} adds, renames and takes a unit out of use, each audited`, async () => {
      const actor = await makeActor(role);
      const { id } = await createUnit(actor, { name: 'Suite 2', active: 'on' });
      await updateUnit(actor, { id, name: 'Suite Two', active: '' });
      expect(await listUnitSettings(actor)).toEqual([{ id, name: 'Suite Two', active: false, comingStays: 0 }]);
      expect((await db.auditEvent.findMany({ select: { action: true } })).map((a) => a.action)).toEqual(['suite_unit.created', 'suite_unit.updated']);
    });
  }

  it('refuses a duplicate name, an empty one, markup, and taking out of use a unit with stays booked; nothing changes', async () => {
    const manager = await makeActor('manager');
    const { id } = await createUnit(manager, { name: 'Suite 1', active: 'on' });
    await book(manager, id, (await makePerson(manager)).id, 2, 3);
    const before = await snapshot();
    await expectAppError(createUnit(manager, { name: 'Suite 1', active: 'on' }), 'conflict', /already has this name/, 'name');
    await expectAppError(createUnit(manager, { name: '  ', active: 'on' }), 'invalid', /Enter a name/, 'name');
    await expectAppError(createUnit(manager, { name: '<b>x</b>', active: 'on' }), 'invalid', /Remove the < and >/, 'name');
    await expectAppError(updateUnit(manager, { id, name: 'Suite 1', active: '' }), 'conflict', /1 stay booked/, 'active');
    expect(await snapshot()).toBe(before);
    expect(await db.suiteUnit.count()).toBe(1);
  });

  for (const role of ['peer', 'coordinator', 'outreach'] as const) {
    it(`refuses a ${role}`, async () => {
      const actor = await makeActor(role);
      await expectAppError(createUnit(actor, { name: 'Suite 9', active: 'on' }), 'forbidden');
      await expectAppError(listUnitSettings(actor), 'forbidden');
      expect(await db.suiteUnit.count()).toBe(0);
    });
  }
});
