import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { UNDO_MINUTES } from '@/lib/undo-window.ts';
import { endShift, voidShift } from './shifts.ts';
import { resumableShift, resumeShift } from './resume.ts';
import { minutes, NOW, streetShift } from './test-helpers.ts';

// Undoing the end of a shift (issue 21), at fixed instants: ended at NOW, resumed minutes later.
async function ended() {
  const worker = await makeActor('outreach');
  const shiftId = await streetShift(worker);
  await endShift(worker, { shiftId }, NOW);
  return { worker, shiftId };
}

const endedAt = async (id: string) => (await db.outreachShift.findUniqueOrThrow({ where: { id }, select: { endedAt: true } })).endedAt;

describe('resuming an ended shift', () => {
  it('within the window: under way again, offered on the page until then, audited as its own event', async () => {
    const { worker, shiftId } = await ended();
    expect(await resumableShift(worker, minutes(UNDO_MINUTES))).toEqual({ id: shiftId, until: minutes(UNDO_MINUTES) });
    expect(await resumableShift(worker, minutes(UNDO_MINUTES + 1))).toBeNull();
    await resumeShift(worker, { shiftId }, minutes(UNDO_MINUTES));
    expect(await endedAt(shiftId)).toBeNull();
    expect(await resumableShift(worker, minutes(UNDO_MINUTES))).toBeNull();
    const events = await db.auditEvent.findMany({ where: { entityId: shiftId }, orderBy: { id: 'asc' }, select: { action: true } });
    expect(events.map((e) => e.action)).toEqual(['outreach_shift.started', 'outreach_shift.ended', 'outreach_shift.resumed']);
    // And it can be ended again.
    await endShift(worker, { shiftId }, minutes(20));
    expect(await endedAt(shiftId)).toEqual(minutes(20));
  });

  it('after the window: refused plainly, still ended', async () => {
    const { worker, shiftId } = await ended();
    await expectAppError(resumeShift(worker, { shiftId }, minutes(UNDO_MINUTES + 1)), 'conflict', /first 15 minutes.*Start a new shift/);
    expect(await endedAt(shiftId)).toEqual(NOW);
  });

  it('refused when someone on it has started another shift since, or it was voided, or it is under way', async () => {
    const { worker, shiftId } = await ended();
    await streetShift(worker, { startedAt: minutes(2) });
    await expectAppError(resumeShift(worker, { shiftId }, minutes(5)), 'conflict', /started another shift since/);
    expect(await endedAt(shiftId)).toEqual(NOW);
    const second = await ended();
    await voidShift(second.worker, { id: second.shiftId, reason: 'Started by mistake' }, minutes(1));
    await expectAppError(resumeShift(second.worker, { shiftId: second.shiftId }, minutes(2)), 'conflict', /voided/);
    const open = await streetShift(await makeActor('outreach'));
    await expectAppError(resumeShift(await makeActor('manager'), { shiftId: open }, minutes(2)), 'conflict', /has not ended/);
  });

  it('refuses another outreach worker (a coordinator may), and roles that may not log outreach', async () => {
    const { shiftId } = await ended();
    await expectAppError(resumeShift(await makeActor('outreach'), { shiftId }, minutes(1)), 'forbidden');
    await expectAppError(resumeShift(await makeActor('peer'), { shiftId }, minutes(1)), 'forbidden');
    await expectAppError(resumeShift(await makeActor('admin'), { shiftId }, minutes(1)), 'forbidden');
    expect(await endedAt(shiftId)).toEqual(NOW);
    await resumeShift(await makeActor('coordinator'), { shiftId }, minutes(1));
    expect(await endedAt(shiftId)).toBeNull();
  });

  it('the database lets an end be emptied (the undo) but never moved to another time', async () => {
    const { shiftId } = await ended();
    const c = await rawClient();
    await expect(c.query(`UPDATE outreach_shift SET ended_at = ended_at + interval '1 minute' WHERE id = $1`, [shiftId])).rejects.toThrow(
      /outreach_append_only/,
    );
    await c.query(`UPDATE outreach_shift SET ended_at = NULL WHERE id = $1`, [shiftId]);
    expect(await endedAt(shiftId)).toBeNull();
  });
});
