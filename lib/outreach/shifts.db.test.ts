import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { addContact } from './contacts.ts';
import { endShift, startShift, voidShift } from './shifts.ts';
import { contactInput, minutes, NOW, optionIds, streetShift } from './test-helpers.ts';

describe('starting and ending a shift', () => {
  it('starts a street shift with a colleague, ends it, and audits both without names or places', async () => {
    const [worker, colleague] = [await makeActor('outreach'), await makeActor('coordinator')];
    const ids = await optionIds();
    const id = randomUUID();
    expect(await startShift(worker, { id, mode: 'street', zoneId: ids['zone:North Shore'], staffIds: [colleague.id] }, NOW)).toEqual({
      shiftId: id,
      duplicate: false,
    });
    expect(await endShift(worker, { shiftId: id }, minutes(90))).toEqual({ duplicate: false });
    const shift = await db.outreachShift.findUniqueOrThrow({
      where: { id },
      select: { startedAt: true, endedAt: true, startedOn: true, staff: { select: { staffId: true } } },
    });
    expect(shift).toMatchObject({ startedAt: NOW, endedAt: minutes(90), startedOn: new Date('2026-11-13T00:00:00Z') });
    expect(shift.staff.map((s) => s.staffId).sort()).toEqual([worker.id, colleague.id].sort());
    const events = await db.auditEvent.findMany({ select: { action: true, entityId: true }, orderBy: { id: 'asc' } });
    expect(events).toEqual([
      { action: 'outreach_shift.started', entityId: id },
      { action: 'outreach_shift.ended', entityId: id },
    ]);
  });

  it('starts an online shift on platforms, and refuses one with none', async () => {
    const worker = await makeActor('outreach');
    const ids = await optionIds();
    const id = randomUUID();
    await startShift(worker, { id, mode: 'online', platformIds: [ids['platform:Dating apps'], ids['platform:Ad sites']] }, NOW);
    expect(await db.outreachShiftPlatform.count({ where: { shiftId: id } })).toBe(2);
    await expectAppError(startShift(worker, { id: randomUUID(), mode: 'online' }, NOW), 'invalid', /at least one platform/, 'platformIds');
  });

  it('refuses plainly, beside the field, and writes nothing', async () => {
    const worker = await makeActor('outreach');
    const ids = await optionIds();
    const street = { id: randomUUID(), mode: 'street', zoneId: ids['zone:Downtown'] };
    await expectAppError(startShift(worker, { ...street, startedAt: NOW, endedAt: minutes(-5) }, NOW), 'invalid', /end must be after the start/, 'endedAt');
    await expectAppError(startShift(worker, { ...street, startedAt: NOW, endedAt: NOW }, NOW), 'invalid', /end must be after the start/, 'endedAt');
    await expectAppError(startShift(worker, { ...street, zoneId: ids['platform:Dating apps'] }, NOW), 'invalid', /zone from the list/, 'zoneId');
    await expectAppError(startShift(worker, { ...street, zoneId: randomUUID() }, NOW), 'invalid', /zone from the list/, 'zoneId');
    await expectAppError(
      startShift(worker, { id: randomUUID(), mode: 'online', platformIds: [ids['zone:Downtown']] }, NOW),
      'invalid',
      /platforms from the list/,
      'platformIds',
    );
    await expectAppError(startShift(worker, { ...street, staffIds: [(await makeActor('peer')).id] }, NOW), 'invalid', /staff who do outreach/, 'staffIds');
    await expectAppError(startShift(worker, { ...street, startedAt: minutes(60) }, NOW), 'invalid', /future/, 'startedAt');
    await expectAppError(startShift(worker, { ...street, mode: 'boat' }, NOW), 'invalid', /street or online/, 'mode');
    expect(await db.outreachShift.count()).toBe(0);
    expect(await db.auditEvent.count()).toBe(0);
  });

  it('refuses a zone taken out of use', async () => {
    const worker = await makeActor('outreach');
    const ids = await optionIds();
    await db.outreachOption.update({ where: { id: ids['zone:Highway motels'] }, data: { active: false } });
    await expectAppError(
      startShift(worker, { id: randomUUID(), mode: 'street', zoneId: ids['zone:Highway motels'] }, NOW),
      'invalid',
      /zone from the list/,
      'zoneId',
    );
  });

  it('refuses ending before the start, or before a contact already on it, and a second different end', async () => {
    const worker = await makeActor('outreach');
    const shiftId = await streetShift(worker);
    await expectAppError(endShift(worker, { shiftId, endedAt: minutes(-121) }, NOW), 'invalid', /end must be after the start/, 'endedAt');
    await addContact(worker, await contactInput(shiftId, { contactedAt: minutes(-10) }), NOW);
    await expectAppError(endShift(worker, { shiftId, endedAt: minutes(-20) }, NOW), 'invalid', /contact on this shift is later/, 'endedAt');
    await endShift(worker, { shiftId, endedAt: minutes(-5) }, NOW);
    expect(await endShift(worker, { shiftId, endedAt: minutes(-5) }, NOW)).toEqual({ duplicate: true });
    await expectAppError(endShift(worker, { shiftId, endedAt: minutes(-1) }, NOW), 'conflict', /already ended/);
  });

  it('voids an empty shift with a reason; one with contacts only once they are voided', async () => {
    const worker = await makeActor('outreach');
    const shiftId = await streetShift(worker);
    await addContact(worker, await contactInput(shiftId), NOW);
    await expectAppError(voidShift(worker, { id: shiftId, reason: 'Wrong zone' }, NOW), 'conflict', /Void them first/);
    await expectAppError(voidShift(await makeActor('outreach'), { id: shiftId, reason: 'x' }, NOW), 'forbidden', /Only the person/);
    const empty = await streetShift(worker);
    await voidShift(await makeActor('manager'), { id: empty, reason: 'Started twice' }, NOW);
    expect(await db.outreachShift.findUniqueOrThrow({ where: { id: empty }, select: { voidReason: true } })).toEqual({ voidReason: 'Started twice' });
  });
});

describe('what the database guarantees whatever code writes', () => {
  it('refuses an end before the start, a street shift without a zone, edits and deletes', async () => {
    const worker = await makeActor('outreach');
    const c = await rawClient();
    const shiftId = await streetShift(worker);
    await expect(c.query(`UPDATE outreach_shift SET ended_at = started_at - interval '1 minute' WHERE id = $1`, [shiftId])).rejects.toThrow(
      /outreach_shift_end_check/,
    );
    await expect(c.query(`UPDATE outreach_shift SET zone_id = NULL WHERE id = $1`, [shiftId])).rejects.toThrow(
      /outreach_shift_where_check|outreach_append_only/,
    );
    await expect(c.query(`UPDATE outreach_shift SET started_at = started_at - interval '1 hour' WHERE id = $1`, [shiftId])).rejects.toThrow(
      /outreach_append_only/,
    );
    await expect(c.query(`DELETE FROM outreach_shift WHERE id = $1`, [shiftId])).rejects.toThrow(/outreach_append_only/);
    const ids = await optionIds();
    await expect(
      c.query(
        `INSERT INTO outreach_shift (id, mode, zone_id, started_at, started_on, created_by_id) VALUES (gen_random_uuid(), 'street', $1, now(), current_date, $2)`,
        [ids['contact_kind:Talk'], worker.id],
      ),
    ).rejects.toThrow(/outreach_option_zone/);
  });
});
