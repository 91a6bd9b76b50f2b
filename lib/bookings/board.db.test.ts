import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { bookSlot } from './book.ts';
import { boardView, createBoardLink, listBoardLinks, revokeBoardLink } from './board.ts';
import { changeBooking } from './transitions.ts';
import { addWaiting } from './waitlist-test-helpers.ts';
import { sweepNoShows } from './sweep.ts';
import { expectAppError, key, makePerson, makeResource, tomorrowSlot } from './test-helpers.ts';
import { localTime } from '@/lib/calendar/index.ts';

describe('board links', () => {
  it('keeps only the token’s hash; the link works until it is revoked', async () => {
    const manager = await makeActor('manager');
    const { id, token } = await createBoardLink(manager, { label: 'Waiting room' });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const row = await db.boardLink.findUniqueOrThrow({ where: { id } });
    expect(row.tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await boardView(token)).not.toBeNull();
    expect(await listBoardLinks(manager)).toMatchObject([{ id, label: 'Waiting room', revokedAt: null }]);
    await revokeBoardLink(manager, { id });
    expect(await boardView(token)).toBeNull();
    await expectAppError(revokeBoardLink(manager, { id }), 'conflict', /already turned off/);
    expect(JSON.stringify(await db.auditEvent.findMany({ select: { details: true } }))).not.toContain(token);
  });

  it('answers nothing for a malformed or unknown token', async () => {
    for (const t of ['', 'short', 'x'.repeat(43), '../../etc/passwd', 'a'.repeat(500)]) expect(await boardView(t)).toBeNull();
  });

  it('is made and revoked by managers and IT support only', async () => {
    for (const role of ROLES.filter((r) => !roleCan(r, 'settings:manage'))) {
      const actor = await makeActor(role);
      await expectAppError(createBoardLink(actor, { label: 'Lobby' }), 'forbidden');
      await expectAppError(listBoardLinks(actor), 'forbidden');
    }
    await expectAppError(createBoardLink(await makeActor('admin'), { label: '' }), 'invalid', /Enter a name for the screen/, 'label');
    expect(await db.boardLink.count()).toBe(0);
  });
});

describe('what the board shows', () => {
  it('now and next per resource by ticket number only, and tickets called from the waitlist: no alias or code anywhere', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makePerson(coordinator, { alias: 'Seraphina' });
    const shower = await makeResource({ name: 'Shower 1' });
    const [s10, s11] = [tomorrowSlot(shower, 20), tomorrowSlot(shower, 22)];
    const a = await bookSlot(coordinator, { idempotencyKey: key(), resourceId: shower.id, slotStart: s10.start.toISOString(), participantId: person.id });
    const b = await bookSlot(coordinator, { idempotencyKey: key(), resourceId: shower.id, slotStart: s11.start.toISOString(), participantId: 'anonymous' });
    const waiting = await addWaiting(coordinator, 'shower', s10.start);
    const cancelled = await bookSlot(coordinator, {
      idempotencyKey: key(),
      resourceId: shower.id,
      slotStart: tomorrowSlot(shower, 21).start.toISOString(),
      participantId: 'anonymous',
    });
    await changeBooking(coordinator, { bookingId: cancelled.bookingId, transition: 'cancel' }); // offers the waiting entry
    const { token } = await createBoardLink(await makeActor('manager'), { label: 'Lobby' });
    const at = new Date(s10.start.getTime() + 5 * 60_000);
    await sweepNoShows(at);
    const view = (await boardView(token, at))!;
    expect(view.resources).toEqual([
      { name: 'Shower 1', kind: 'shower', now: { time: localTime(s10.start), tickets: [a.ticket] }, next: { time: localTime(s11.start), tickets: [b.ticket] } },
    ]);
    expect(view.called).toHaveLength(1);
    expect(waiting).toBeTruthy();
    const text = JSON.stringify(view);
    expect(text).not.toContain('Seraphina');
    expect(text).not.toContain(person.code);
    expect(text).not.toContain(person.id);
  });
});
