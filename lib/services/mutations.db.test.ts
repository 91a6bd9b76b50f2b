import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { logVisit } from '@/lib/visits/mutations.ts';
import { listVisitsForDay } from '@/lib/visits/queries.ts';
import { createServiceType, moveServiceType, setServiceTypeStatus, updateServiceType } from './mutations.ts';
import { activeServiceTypes, getServiceType, listServiceTypes } from './queries.ts';

const names = async (actor: Awaited<ReturnType<typeof makeActor>>) => (await activeServiceTypes(actor)).map((s) => s.name);
const idOf = async (name: string) => (await db.serviceType.findUniqueOrThrow({ where: { name }, select: { id: true } })).id;

describe('the default list', () => {
  it('holds the program’s usual services, then supplies with units, in the desk’s order', async () => {
    const desk = await makeActor('peer');
    const types = await activeServiceTypes(desk);
    expect(types.map((t) => t.name)).toEqual([
      'Shower',
      'Laundry',
      'Meal or food',
      'Internet or phone',
      'Clothing',
      'Supportive counselling',
      'Crisis intervention',
      'Aggressor-alert check',
      'Condoms',
      'Naloxone kit',
      'Safer-use supplies',
      'Hygiene kit',
    ]);
    expect(types.find((t) => t.name === 'Naloxone kit')).toMatchObject({ kind: 'supply', unit: 'kit' });
    await expectAppError(activeServiceTypes(await makeActor('admin')), 'forbidden');
  });
});

describe('changing the list', () => {
  it('adds a supply at the end with its unit (a service never has one), audited without the name', async () => {
    const manager = await makeActor('manager');
    const { id } = await createServiceType(manager, { name: 'Bus ticket', kind: 'supply', unit: 'ticket' });
    const { id: serviceId } = await createServiceType(manager, { name: 'Tax clinic', kind: 'service', unit: 'hour' });
    const all = await listServiceTypes(manager);
    expect(all.slice(-2)).toEqual([
      { id, name: 'Bus ticket', kind: 'supply', unit: 'ticket', active: true },
      { id: serviceId, name: 'Tax clinic', kind: 'service', unit: null, active: true },
    ]);
    const events = await db.auditEvent.findMany({ select: { action: true, entityId: true, details: true }, orderBy: { id: 'asc' } });
    expect(events).toEqual([
      { action: 'service_type.created', entityId: id, details: { kind: 'supply' } },
      { action: 'service_type.created', entityId: serviceId, details: { kind: 'service' } },
    ]);
  });

  it('lets IT support edit the list too (settings:manage), and nobody else', async () => {
    await createServiceType(await makeActor('admin'), { name: 'Phone charging', kind: 'service' });
    for (const role of ['peer', 'coordinator', 'outreach'] as const) {
      await expectAppError(createServiceType(await makeActor(role), { name: 'Nope', kind: 'service' }), 'forbidden');
      await expectAppError(listServiceTypes(await makeActor(role)), 'forbidden');
    }
    expect(await db.serviceType.count({ where: { name: 'Nope' } })).toBe(0);
  });

  it('renames, changes a unit, and records which fields changed', async () => {
    const manager = await makeActor('manager');
    const id = await idOf('Naloxone kit');
    expect(await updateServiceType(manager, { id, name: 'Naloxone', unit: 'box' })).toEqual({ changed: ['name', 'unit'] });
    expect(await getServiceType(manager, id)).toMatchObject({ name: 'Naloxone', unit: 'box' });
    expect(await updateServiceType(manager, { id, name: 'Naloxone', unit: 'box' })).toEqual({ changed: [] });
    const events = await db.auditEvent.findMany({ select: { action: true, details: true } });
    expect(events).toEqual([{ action: 'service_type.updated', details: { fields: ['name', 'unit'] } }]);
  });

  it('refuses bad names plainly and changes nothing', async () => {
    const manager = await makeActor('manager');
    const shower = await idOf('Shower');
    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [() => createServiceType(manager, { name: 'laundry', kind: 'service' }), 'name', /already exists/],
      [() => createServiceType(manager, { name: '', kind: 'service' }), 'name', /Enter a name/],
      [() => createServiceType(manager, { name: 'x'.repeat(61), kind: 'service' }), 'name', /60 characters/],
      [() => createServiceType(manager, { name: '<i>Soap</i>', kind: 'supply' }), 'name', /< and >/],
      [() => createServiceType(manager, { name: 'Soap', kind: 'gift' }), 'kind', /service or supply/],
      [() => createServiceType(manager, { name: 'Soap', kind: 'supply', unit: 'x'.repeat(21) }), 'unit', /20 characters/],
      [() => updateServiceType(manager, { id: shower, name: 'MEAL OR FOOD' }), 'name', /already exists/],
      [() => updateServiceType(manager, { id: shower, name: 42 }), 'name', /Enter a name/],
    ];
    for (const [attempt, field, message] of cases) {
      await expectAppError(attempt(), String(message).includes('exists') ? 'conflict' : 'invalid', message, field);
    }
    await expectAppError(updateServiceType(manager, { id: randomUUID(), name: 'Soap' }), 'not_found');
    expect(await db.serviceType.count()).toBe(12);
    expect((await getServiceType(manager, shower)).name).toBe('Shower');
    expect(await db.auditEvent.count()).toBe(0);
  });

  it('moves a type up and down, which is the quick log’s order and number keys', async () => {
    const manager = await makeActor('manager');
    const meal = await idOf('Meal or food');
    expect(await moveServiceType(manager, { id: meal, direction: 'up' })).toEqual({ moved: true });
    expect((await names(manager)).slice(0, 3)).toEqual(['Shower', 'Meal or food', 'Laundry']);
    await moveServiceType(manager, { id: meal, direction: 'up' });
    expect((await moveServiceType(manager, { id: meal, direction: 'up' })).moved).toBe(false);
    expect((await names(manager)).slice(0, 3)).toEqual(['Meal or food', 'Shower', 'Laundry']);
    await moveServiceType(manager, { id: await idOf('Hygiene kit'), direction: 'down' });
    expect((await names(manager)).at(-1)).toBe('Hygiene kit');
    await expectAppError(moveServiceType(manager, { id: meal, direction: 'sideways' }), 'invalid', /up or down/, 'direction');
    expect(await db.auditEvent.count({ where: { action: 'service_type.reordered' } })).toBe(2);
  });

  it('deactivates: gone from the quick log, still on past visits, refused on new ones; and back again', async () => {
    const manager = await makeActor('manager');
    const laundry = await idOf('Laundry');
    const { visitId } = await logVisit(manager, { idempotencyKey: randomUUID(), participantId: null, services: [{ serviceTypeId: laundry, quantity: 1 }] });
    await setServiceTypeStatus(manager, { id: laundry, status: 'inactive' });
    expect(await names(manager)).not.toContain('Laundry');
    expect((await listVisitsForDay(manager)).find((v) => v.id === visitId)?.services.map((s) => s.name)).toEqual(['Laundry']);
    await expectAppError(
      logVisit(manager, { idempotencyKey: randomUUID(), participantId: null, services: [{ serviceTypeId: laundry, quantity: 1 }] }),
      'invalid',
      /no longer offered/,
      'services',
    );
    await expectAppError(setServiceTypeStatus(manager, { id: laundry, status: 'inactive' }), 'conflict', /already/);
    await setServiceTypeStatus(manager, { id: laundry, status: 'active' });
    expect(await names(manager)).toContain('Laundry');
    const actions = (await db.auditEvent.findMany({ select: { action: true }, orderBy: { id: 'asc' } })).map((e) => e.action);
    expect(actions).toEqual(['visit.logged', 'service_type.deactivated', 'service_type.reactivated']);
  });
});
