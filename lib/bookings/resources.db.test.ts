import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { bookSlot } from './book.ts';
import { addClosure, createResource, removeClosure, setResourceHours, updateResource } from './resources.ts';
import { getResourceSettings, hoursSummary, listClosures, listResourceSettings } from './resource-queries.ts';
import { expectAppError, key, makeResource, tomorrowSlot } from './test-helpers.ts';
import { addDays, atLocal, localDay } from '@/lib/calendar/index.ts';

const blankHours = Object.fromEntries(
  [1, 2, 3, 4, 5, 6, 7].flatMap((d) => [
    [`opens.${d}`, ''],
    [`closes.${d}`, ''],
  ]),
);

describe('resources in settings', () => {
  it('creates a resource (closed until it has hours), sets Mon–Sat hours, and lists it', async () => {
    const manager = await makeActor('manager');
    const { id } = await createResource(manager, { name: 'Shower 1', kind: 'shower', capacity: '1', slotMinutes: '30' });
    expect(hoursSummary((await getResourceSettings(manager, id)).hours)).toBe('No opening hours: closed');
    const week = Object.fromEntries(
      [1, 2, 3, 4, 5, 6].flatMap((d) => [
        [`opens.${d}`, '9:00'],
        [`closes.${d}`, '16:00'],
      ]),
    );
    await setResourceHours(manager, { ...blankHours, ...week, resourceId: id });
    const [listed] = await listResourceSettings(manager);
    expect(listed).toMatchObject({ id, name: 'Shower 1', kind: 'shower', capacity: 1, slotMinutes: 30, active: true });
    expect(hoursSummary(listed!.hours)).toBe('Mon, Tue, Wed, Thu, Fri, Sat 9:00–16:00');
    expect((await db.auditEvent.findMany({ orderBy: { id: 'asc' }, select: { action: true } })).map((a) => a.action)).toEqual([
      'resource.created',
      'resource.hours_set',
    ]);
  });

  it('refuses a duplicate name and bad values beside the field, creating nothing', async () => {
    const manager = await makeActor('manager');
    await createResource(manager, { name: 'Shower 1', kind: 'shower', capacity: '1', slotMinutes: '30' });
    await expectAppError(
      createResource(manager, { name: 'Shower 1', kind: 'laundry', capacity: '2', slotMinutes: '90' }),
      'conflict',
      /already has this name/,
      'name',
    );
    await expectAppError(
      createResource(manager, { name: 'Shower 2', kind: 'shower', capacity: '30', slotMinutes: '30' }),
      'invalid',
      /from 1 to 20/,
      'capacity',
    );
    await expectAppError(
      setResourceHours(manager, { ...blankHours, resourceId: (await listResourceSettings(manager))[0]!.id, 'opens.1': '16:00', 'closes.1': '9:00' }),
      'invalid',
      /after opening/,
      'closes.1',
    );
    expect(await db.resource.count()).toBe(1);
  });

  it('will not cut the capacity or change the slot length under places booked from now on', async () => {
    const manager = await makeActor('manager');
    const laundry = await makeResource({ kind: 'laundry', name: 'Laundry', capacity: 2, slotMinutes: 90 });
    const start = tomorrowSlot(laundry, 4).start.toISOString();
    for (let i = 0; i < 2; i++) await bookSlot(manager, { idempotencyKey: key(), resourceId: laundry.id, slotStart: start, participantId: 'anonymous' });
    const update = (patch: Record<string, unknown>) =>
      updateResource(manager, { id: laundry.id, name: 'Laundry', capacity: '2', slotMinutes: '90', active: 'on', ...patch });
    await expectAppError(update({ capacity: '1' }), 'conflict', 'Places are booked in pair 2 from now on. Move or cancel them first.', 'capacity');
    await expectAppError(update({ slotMinutes: '60' }), 'conflict', /Change the slot length once they are over/, 'slotMinutes');
    expect(await update({ name: 'Laundry room', capacity: '3' })).toEqual({ changed: ['name', 'capacity'] });
    expect(await update({ name: 'Laundry room', capacity: '3' })).toEqual({ changed: [] });
    expect(await update({ name: 'Laundry room', capacity: '3', active: undefined })).toEqual({ changed: ['active'] });
    expect((await db.resource.findUniqueOrThrow({ where: { id: laundry.id } })).active).toBe(false);
  });

  it('adds a closure (for all, or one) that tells how many booked places fall in it, and removes it', async () => {
    const manager = await makeActor('manager');
    const shower = await makeResource({ name: 'Shower 1' });
    const slot = tomorrowSlot(shower, 20);
    await bookSlot(manager, { idempotencyKey: key(), resourceId: shower.id, slotStart: slot.start.toISOString(), participantId: 'anonymous' });
    const day = addDays(localDay(new Date()), 1);
    const { id, affected } = await addClosure(manager, { resourceId: 'all', startsAt: `${day}T09:00`, endsAt: `${day}T12:00`, reason: 'Staff training' });
    expect(affected).toBe(1);
    const [row] = await listClosures(manager);
    expect(row).toMatchObject({ id, resourceName: null, reason: 'Staff training', startsAt: atLocal(day, 540) });
    expect(JSON.stringify((await db.auditEvent.findFirstOrThrow({ where: { action: 'resource_closure.created' } })).details)).not.toContain('training');
    await expectAppError(
      addClosure(manager, { resourceId: shower.id, startsAt: `${day}T12:00`, endsAt: `${day}T09:00`, reason: 'Repair' }),
      'invalid',
      /end must be after/,
      'endsAt',
    );
    await expectAppError(
      addClosure(manager, { resourceId: 'all', startsAt: 'soon', endsAt: `${day}T09:00`, reason: 'Repair' }),
      'invalid',
      /like 2026-12-25 09:00/,
      'startsAt',
    );
    await removeClosure(manager, { id });
    await expectAppError(removeClosure(manager, { id }), 'not_found');
    expect(await db.resourceClosure.count()).toBe(0);
  });

  it('is only for managers and IT support', async () => {
    const shower = await makeResource();
    for (const role of ROLES.filter((r) => !roleCan(r, 'settings:manage'))) {
      const actor = await makeActor(role);
      await expectAppError(createResource(actor, { name: 'X', kind: 'shower', capacity: '1', slotMinutes: '30' }), 'forbidden');
      await expectAppError(updateResource(actor, { id: shower.id, name: 'X', capacity: '1', slotMinutes: '30' }), 'forbidden');
      await expectAppError(setResourceHours(actor, { ...blankHours, resourceId: shower.id }), 'forbidden');
      await expectAppError(addClosure(actor, { resourceId: 'all', startsAt: '2026-12-25T00:00', endsAt: '2026-12-26T00:00', reason: 'Holiday' }), 'forbidden');
      await expectAppError(listResourceSettings(actor), 'forbidden');
    }
    expect(await db.resource.count()).toBe(1);
    expect(await db.resourceHours.count()).toBe(7);
  });
});
