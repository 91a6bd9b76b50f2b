import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { changeStaffRole, createStaffUser, deactivateStaffUser, reactivateStaffUser, resetStaffPassword } from './mutations.ts';
import { dismissNotices, unseenNotices } from './notices.ts';
import { account, expectAppError, lastAudit, openSessions } from './test-helpers.ts';

// Issue 17: IT support must not be able to obtain an account that reads participant data, and
// one manager must not quietly take over another. Each escalation path, through the data layer.

const DATA_ROLES = ['peer', 'coordinator', 'outreach', 'manager'] as const;

async function recipients(subjectId: string): Promise<string[]> {
  const rows = await db.staffNotice.findMany({ where: { subjectId }, select: { recipientId: true } });
  return rows.map((r) => r.recipientId).sort();
}

describe('IT support cannot give itself participant data', () => {
  for (const role of DATA_ROLES) {
    it(`cannot create a ${role} account: refused beside the role, audited, nothing created`, async () => {
      const it = await makeActor('admin');
      await expectAppError(createStaffUser(it, { displayName: 'Sam Reed', email: 'sam@example.org', role }), 'forbidden', /Only a program manager/, 'role');
      expect(await db.staffUser.count({ where: { email: 'sam@example.org' } })).toBe(0);
      expect(await lastAudit()).toMatchObject({ action: 'staff_user.change_refused', actorId: it.id, outcome: 'refused', details: { change: 'create', role } });
    });

    it(`cannot raise an account to ${role}, nor reset or reactivate a ${role}; the account is untouched`, async () => {
      const it = await makeActor('admin');
      const other = await makeActor('admin');
      const target = await makeActor(role);
      await expectAppError(changeStaffRole(it, { id: other.id, role }), 'forbidden', /Only a program manager can give/, 'role');
      await expectAppError(resetStaffPassword(it, { id: target.id }), 'forbidden', /Only a program manager can reset/);
      await db.staffUser.update({ where: { id: target.id }, data: { active: false } });
      await expectAppError(reactivateStaffUser(it, { id: target.id }), 'forbidden', /Only a program manager can reactivate/);
      expect(await account(other.id)).toMatchObject({ role: 'admin', sessionVersion: 1 });
      expect(await account(target.id)).toMatchObject({ role, active: false, sessionVersion: 1, passwordHash: 'not-a-hash', mustChangePassword: false });
      expect(await openSessions(target.id)).toBe(1);
      const refused = await db.auditEvent.findMany({ where: { action: 'staff_user.change_refused' }, select: { entityId: true, details: true } });
      expect(refused).toEqual([
        { entityId: other.id, details: { change: 'role', to: role } },
        { entityId: target.id, details: { change: 'reset_password' } },
        { entityId: target.id, details: { change: 'reactivate' } },
      ]);
      expect(await db.staffNotice.count()).toBe(0);
    });
  }

  it('can still deactivate a manager at once, which the manager and the other managers are shown', async () => {
    const it = await makeActor('admin');
    const [m1, m2] = [await makeActor('manager'), await makeActor('manager')];
    await deactivateStaffUser(it, { id: m1.id });
    expect(await account(m1.id)).toMatchObject({ active: false });
    expect(await recipients(m1.id)).toEqual([m1.id, m2.id].sort());
  });

  it('a manager grants what IT support cannot: creates, raises, resets and reactivates data-role accounts', async () => {
    const manager = await makeActor('manager');
    const peer = await makeActor('peer');
    const { id } = await createStaffUser(manager, { displayName: 'Sam Reed', email: 'sam@example.org', role: 'coordinator' });
    await changeStaffRole(manager, { id: peer.id, role: 'outreach' });
    await resetStaffPassword(manager, { id: peer.id });
    await deactivateStaffUser(manager, { id });
    await reactivateStaffUser(manager, { id });
    expect(await account(peer.id)).toMatchObject({ role: 'outreach', mustChangePassword: true });
    expect(await db.auditEvent.count({ where: { outcome: 'refused' } })).toBe(0);
  });
});

describe('no manager quietly takes over another', () => {
  it('a reset of a manager ends their sessions and is shown to them and every other manager, not to whoever did it', async () => {
    const [m1, m2, m3] = [await makeActor('manager'), await makeActor('manager'), await makeActor('manager')];
    const it = await makeActor('admin');
    await expectAppError(resetStaffPassword(it, { id: m2.id }), 'forbidden');
    await resetStaffPassword(m1, { id: m2.id });
    expect(await openSessions(m2.id)).toBe(0);
    expect(await recipients(m2.id)).toEqual([m2.id, m3.id].sort());
    const [forVictim] = await unseenNotices(m2);
    expect(forVictim!.text).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d: Test manager reset your password and signed you out everywhere\.$/);
    const [forOther] = await unseenNotices(m3);
    expect(forOther!.text).toMatch(/Test manager reset the password of Test manager/);
    expect(await unseenNotices(m1)).toEqual([]);
  });

  it('raising someone to manager is shown to the other managers too', async () => {
    const [m1, m2] = [await makeActor('manager'), await makeActor('manager')];
    const peer = await makeActor('peer', { displayName: 'Robin' });
    await changeStaffRole(m1, { id: peer.id, role: 'manager' });
    expect(await recipients(peer.id)).toEqual([peer.id, m2.id].sort());
    expect((await unseenNotices(m2))[0]!.text).toMatch(/changed the role of Robin from Peer to Program manager/);
  });

  it('each person dismisses only their own notices, and only those they were shown', async () => {
    const [m1, m2, m3] = [await makeActor('manager'), await makeActor('manager'), await makeActor('manager')];
    await resetStaffPassword(m1, { id: m2.id });
    const shown = await unseenNotices(m2);
    await resetStaffPassword(m3, { id: m2.id }); // arrives after m2 was shown the first
    await dismissNotices(m3, '999999');
    expect(await unseenNotices(m2)).toHaveLength(2);
    await dismissNotices(m2, shown.at(-1)!.id);
    expect(await unseenNotices(m2)).toHaveLength(1);
    await dismissNotices(m2, 'not-a-number');
    expect(await unseenNotices(m2)).toHaveLength(1);
  });
});
