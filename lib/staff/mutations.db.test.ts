import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { verifyPassword } from '@/lib/auth/password.ts';
import { changeStaffRole, createStaffUser, deactivateStaffUser, reactivateStaffUser, resetStaffPassword } from './mutations.ts';
import { account, auditActions, expectAppError, lastAudit, openSessions } from './test-helpers.ts';

const NEW = { displayName: 'Robin Ash', email: 'Robin.Ash@Example.org', role: 'coordinator' };

describe('createStaffUser', () => {
  it('creates the account with a temporary password that must be changed, and audits it without personal data', async () => {
    const manager = await makeActor('manager');
    const { id, temporaryPassword } = await createStaffUser(manager, NEW);
    const row = await account(id);
    expect(row).toMatchObject({ email: 'robin.ash@example.org', displayName: 'Robin Ash', role: 'coordinator', active: true, mustChangePassword: true });
    expect(temporaryPassword).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(row.passwordHash).not.toContain(temporaryPassword);
    expect(await verifyPassword(row.passwordHash, temporaryPassword)).toBe(true);
    const event = await lastAudit();
    expect(event).toMatchObject({
      action: 'staff_user.created',
      actorId: manager.id,
      entityType: 'staff_user',
      entityId: id,
      details: { role: 'coordinator' },
    });
    const everything = JSON.stringify(await db.auditEvent.findMany({ select: { action: true, entityType: true, entityId: true, details: true } }));
    for (const secret of ['robin', 'Robin', temporaryPassword]) expect(everything).not.toContain(secret);
  });

  it('refuses a duplicate email beside the email field, whatever its case', async () => {
    const manager = await makeActor('manager');
    await createStaffUser(manager, NEW);
    await expectAppError(
      createStaffUser(manager, { ...NEW, email: ' ROBIN.ASH@example.ORG ' }),
      'conflict',
      'An account with this email already exists.',
      'email',
    );
    expect(await db.staffUser.count({ where: { email: 'robin.ash@example.org' } })).toBe(1);
    expect(await auditActions()).toEqual(['staff_user.created']);
  });

  const BAD: [string, Record<string, unknown>, string, RegExp][] = [
    ['a script tag in the name', { displayName: '<script>alert(1)</script>' }, 'displayName', /Remove the < and > characters/],
    ['a control character in the name', { displayName: 'Robin\u0007Ash' }, 'displayName', /special characters/],
    ['a newline in the name', { displayName: 'Robin\nAsh' }, 'displayName', /special characters/],
    ['an empty name', { displayName: '   ' }, 'displayName', /Enter a name/],
    ['an oversized name', { displayName: 'x'.repeat(81) }, 'displayName', /80 characters or fewer/],
    ['a name of the wrong type', { displayName: ['a', 'b'] }, 'displayName', /Enter a name/],
    ['an invalid email', { email: 'robin at example' }, 'email', /valid email/],
    ['an oversized email', { email: `${'x'.repeat(250)}@example.org` }, 'email', /too long/],
    ['an email of the wrong type', { email: 42 }, 'email', /Enter an email/],
    ['an unknown role', { role: 'owner' }, 'role', /Choose a role/],
  ];
  for (const [what, patch, field, message] of BAD) {
    it(`refuses ${what} with a plain message and changes nothing`, async () => {
      const manager = await makeActor('manager');
      await expectAppError(createStaffUser(manager, { ...NEW, ...patch }), 'invalid', message, field);
      expect(await db.staffUser.count()).toBe(1);
      expect(await db.auditEvent.count()).toBe(0);
    });
  }

  it('lets only IT support create an IT support account', async () => {
    const manager = await makeActor('manager');
    await expectAppError(createStaffUser(manager, { ...NEW, role: 'admin' }), 'forbidden', /Only IT support/, 'role');
    const admin = await makeActor('admin');
    const { id } = await createStaffUser(admin, { ...NEW, role: 'admin' });
    expect((await account(id)).role).toBe('admin');
  });
});

describe('changing an account', () => {
  it('changes the role, ends the sessions and audits from/to', async () => {
    const manager = await makeActor('manager');
    const peer = await makeActor('peer');
    const before = await account(peer.id);
    await changeStaffRole(manager, { id: peer.id, role: 'coordinator' });
    const after = await account(peer.id);
    expect(after.role).toBe('coordinator');
    expect(after.sessionVersion).toBe(before.sessionVersion + 1);
    expect(await openSessions(peer.id)).toBe(0);
    expect(await lastAudit()).toMatchObject({ action: 'staff_user.role_changed', entityId: peer.id, details: { from: 'peer', to: 'coordinator' } });
  });

  it('deactivates (ending sessions) and reactivates, auditing both', async () => {
    const manager = await makeActor('manager');
    const peer = await makeActor('peer');
    await deactivateStaffUser(manager, { id: peer.id });
    expect(await account(peer.id)).toMatchObject({ active: false, sessionVersion: 2 });
    expect(await openSessions(peer.id)).toBe(0);
    await expectAppError(deactivateStaffUser(manager, { id: peer.id }), 'conflict', /already deactivated/);
    await reactivateStaffUser(manager, { id: peer.id });
    expect((await account(peer.id)).active).toBe(true);
    await expectAppError(reactivateStaffUser(manager, { id: peer.id }), 'conflict', /already active/);
    expect(await auditActions()).toEqual(['staff_user.deactivated', 'staff_user.reactivated']);
  });

  it('resets the password to a one-time temporary one and ends the sessions', async () => {
    const manager = await makeActor('manager');
    const peer = await makeActor('peer');
    const { temporaryPassword } = await resetStaffPassword(manager, { id: peer.id });
    const row = await account(peer.id);
    expect(row).toMatchObject({ mustChangePassword: true, sessionVersion: 2 });
    expect(await verifyPassword(row.passwordHash, temporaryPassword)).toBe(true);
    expect(await openSessions(peer.id)).toBe(0);
    const event = await lastAudit();
    expect(event).toMatchObject({ action: 'staff_user.password_reset', entityId: peer.id });
    expect(JSON.stringify(event)).not.toContain(temporaryPassword);
  });

  it('answers "not found" for a malformed, wrongly typed or unknown id, changing nothing', async () => {
    const manager = await makeActor('manager');
    for (const id of ['not-a-uuid', 42, ['a'], undefined, '00000000-0000-4000-8000-000000000000']) {
      await expectAppError(
        deactivateStaffUser(manager, { id }),
        id === '00000000-0000-4000-8000-000000000000' ? 'not_found' : 'invalid',
        'That account was not found.',
      );
      await expectAppError(
        changeStaffRole(manager, { id, role: 'peer' }),
        id === '00000000-0000-4000-8000-000000000000' ? 'not_found' : 'invalid',
        'That account was not found.',
      );
    }
    expect(await db.auditEvent.count()).toBe(0);
  });
});

describe('roles without staff:manage', () => {
  for (const role of ROLES.filter((r) => !roleCan(r, 'staff:manage'))) {
    it(`${role} can do none of it`, async () => {
      const actor = await makeActor(role);
      const peer = await makeActor('peer');
      await expectAppError(createStaffUser(actor, NEW), 'forbidden');
      await expectAppError(changeStaffRole(actor, { id: peer.id, role: 'manager' }), 'forbidden');
      await expectAppError(deactivateStaffUser(actor, { id: peer.id }), 'forbidden');
      await expectAppError(reactivateStaffUser(actor, { id: peer.id }), 'forbidden');
      await expectAppError(resetStaffPassword(actor, { id: peer.id }), 'forbidden');
      expect(await account(peer.id)).toMatchObject({ role: 'peer', active: true, sessionVersion: 1 });
      expect(await db.staffUser.count()).toBe(2);
      expect(await db.auditEvent.count()).toBe(0);
    });
  }
});
