import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { resolveSession } from './resolve-session.ts';
import { lockSession, signOutEverywhere } from './account.ts';

const MINUTE = 60_000;

describe('resolveSession', () => {
  it('accepts a live session and re-reads the role from the database', async () => {
    const actor = await makeActor('coordinator');
    expect(await resolveSession(actor.sessionId)).toMatchObject({ status: 'ok', actor: { id: actor.id, role: 'coordinator' } });
    await db.staffUser.update({ where: { id: actor.id }, data: { role: 'peer' } });
    expect(await resolveSession(actor.sessionId)).toMatchObject({ status: 'ok', actor: { role: 'peer' } });
  });

  it('ends a session idle longer than the setting (default 30 minutes)', async () => {
    const actor = await makeActor('peer');
    expect((await resolveSession(actor.sessionId, Date.now() + 29 * MINUTE)).status).toBe('ok');
    expect((await resolveSession(actor.sessionId, Date.now() + 29 * MINUTE + 31 * MINUTE)).status).toBe('none');
    expect((await resolveSession(actor.sessionId)).status).toBe('none');
  });

  it('honours a shorter idle setting', async () => {
    const actor = await makeActor('peer');
    await db.setting.create({ data: { key: 'session.idleMinutes', value: 10 } });
    expect((await resolveSession(actor.sessionId, Date.now() + 11 * MINUTE)).status).toBe('none');
  });

  it('ends a session after 12 hours however active it was', async () => {
    const actor = await makeActor('peer');
    const start = Date.now();
    for (let t = 20; t < 12 * 60; t += 20) expect((await resolveSession(actor.sessionId, start + t * MINUTE)).status).toBe('ok');
    expect((await resolveSession(actor.sessionId, start + 12 * 60 * MINUTE + MINUTE)).status).toBe('none');
  });

  it('ends sessions of a deactivated account on their next request', async () => {
    const actor = await makeActor('manager');
    await db.staffUser.update({ where: { id: actor.id }, data: { active: false } });
    expect((await resolveSession(actor.sessionId)).status).toBe('none');
  });

  it('sign out everywhere ends every session of the account', async () => {
    const actor = await makeActor('outreach');
    const other = await db.authSession.create({ data: { id: crypto.randomUUID(), userId: actor.id, sessionVersion: 1 } });
    await signOutEverywhere(actor);
    expect((await resolveSession(actor.sessionId)).status).toBe('none');
    expect((await resolveSession(other.id)).status).toBe('none');
    expect(await db.auditEvent.count({ where: { action: 'auth.signed_out_everywhere', actorId: actor.id } })).toBe(1);
  });

  it('reports a locked screen and a pending password change', async () => {
    const actor = await makeActor('coordinator');
    await lockSession(actor);
    expect((await resolveSession(actor.sessionId)).status).toBe('locked');
    const fresh = await makeActor('peer');
    await db.staffUser.update({ where: { id: fresh.id }, data: { mustChangePassword: true } });
    expect((await resolveSession(fresh.sessionId)).status).toBe('must_change_password');
  });

  it('ignores ids that are not sessions', async () => {
    for (const sid of [undefined, '', 'nope', "'; drop table auth_session; --", crypto.randomUUID()]) {
      expect((await resolveSession(sid)).status).toBe('none');
    }
  });
});
