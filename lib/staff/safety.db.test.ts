import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { changeStaffRole, createStaffUser, deactivateStaffUser, reactivateStaffUser, resetStaffPassword } from './mutations.ts';
import { account, expectAppError } from './test-helpers.ts';

describe('nobody locks themselves out', () => {
  for (const role of ['manager', 'admin'] as const) {
    it(`a ${role} cannot deactivate, demote or reset themselves`, async () => {
      const me = await makeActor(role);
      await makeActor('admin'); // another admin, so the last-admin rule is not what refuses
      await expectAppError(deactivateStaffUser(me, { id: me.id }), 'forbidden', /your own account/);
      await expectAppError(changeStaffRole(me, { id: me.id, role: 'peer' }), 'forbidden', /your own role/);
      await expectAppError(resetStaffPassword(me, { id: me.id }), 'forbidden', /Your account/);
      expect(await account(me.id)).toMatchObject({ role, active: true, sessionVersion: 1 });
      // Each refusal is audited as such; nothing else was recorded.
      expect(await db.auditEvent.count({ where: { outcome: { not: 'refused' } } })).toBe(0);
      expect(await db.auditEvent.count({ where: { action: 'staff_user.change_refused' } })).toBe(3);
    });
  }
});

describe('only IT support manages IT support accounts', () => {
  it('a manager cannot promote to admin, nor change, deactivate or reset an admin', async () => {
    const manager = await makeActor('manager');
    const peer = await makeActor('peer');
    const admin = await makeActor('admin');
    await expectAppError(changeStaffRole(manager, { id: peer.id, role: 'admin' }), 'forbidden', /Only IT support/, 'role');
    await expectAppError(changeStaffRole(manager, { id: admin.id, role: 'peer' }), 'forbidden', /Only IT support/);
    await expectAppError(deactivateStaffUser(manager, { id: admin.id }), 'forbidden', /Only IT support/);
    await expectAppError(resetStaffPassword(manager, { id: admin.id }), 'forbidden', /Only IT support/);
    expect(await account(admin.id)).toMatchObject({ role: 'admin', active: true, sessionVersion: 1 });
    expect((await account(peer.id)).role).toBe('peer');
  });

  it('a manager may manage another manager; an admin may not move another admin into a data role', async () => {
    const manager = await makeActor('manager');
    const other = await makeActor('manager');
    await changeStaffRole(manager, { id: other.id, role: 'coordinator' });
    const [a, b] = [await makeActor('admin'), await makeActor('admin')];
    await expectAppError(changeStaffRole(a, { id: b.id, role: 'manager' }), 'forbidden', /Only a program manager/, 'role');
    expect((await account(b.id)).role).toBe('admin');
  });
});

describe('an actor whose account changed since the request began', () => {
  it('is refused when deactivated or demoted in the database', async () => {
    const manager = await makeActor('manager');
    const peer = await makeActor('peer');
    await db.staffUser.update({ where: { id: manager.id }, data: { role: 'peer' } });
    await expectAppError(deactivateStaffUser(manager, { id: peer.id }), 'forbidden');
    await db.staffUser.update({ where: { id: manager.id }, data: { role: 'manager', active: false } });
    await expectAppError(createStaffUser(manager, { displayName: 'Sam', email: 'sam@example.org', role: 'peer' }), 'forbidden');
    await expectAppError(reactivateStaffUser(manager, { id: peer.id }), 'forbidden');
    expect((await account(peer.id)).active).toBe(true);
  });
});

/** Waits until `n` backends of this database are blocked on a lock. */
async function waitForBlocked(n: number): Promise<void> {
  const c = await rawClient();
  for (let i = 0; i < 200; i++) {
    // The activity view is a per-transaction snapshot; this client holds a transaction open.
    await c.query('SELECT pg_stat_clear_snapshot()');
    const { rows } = await c.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (rows[0]!.n >= n) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`expected ${n} blocked transactions`);
}

// These races need two transactions in flight at once. The embedded database runs one
// transaction at a time (its wire server serializes them), so there the race cannot happen and
// cannot be staged; they run against a real PostgreSQL server (CI, or DATABASE_URL set).
describe.runIf(process.env.TEST_SERVER_URL)('the last active admin', () => {
  it('survives two admins deactivating each other at the same moment: exactly one succeeds', async () => {
    const [a, b] = [await makeActor('admin'), await makeActor('admin')];
    // Hold back every audit insert so both transactions are in flight before either commits:
    // without row locks both would read "two active admins" and both would succeed.
    const c = await rawClient();
    await c.query('BEGIN; LOCK TABLE audit_event IN EXCLUSIVE MODE');
    const results = Promise.allSettled([deactivateStaffUser(a, { id: b.id }), deactivateStaffUser(b, { id: a.id })]);
    try {
      await waitForBlocked(2);
    } finally {
      await c.query('COMMIT');
    }
    const settled = await results;
    expect(settled.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await db.staffUser.count({ where: { role: 'admin', active: true } })).toBe(1);
    expect(await db.auditEvent.count({ where: { action: 'staff_user.deactivated' } })).toBe(1);
  });
  // (An admin can no longer be demoted at all: only IT support changes an admin account and IT
  // support never gives a data role, so deactivation is the one way an admin account goes.)
});
