import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors.ts';
import { assertStaffChange, creatableRoles, noticeRecipients, permittedChanges, type AccountRow } from './rules.ts';

const admin = (id: string, active = true): AccountRow => ({ id, role: 'admin', active });

function reason(fn: () => void): string | null {
  try {
    fn();
    return null;
  } catch (e) {
    if (e instanceof AppError) return e.userMessage;
    throw e;
  }
}

// The data layer reads the rows under lock and asks these rules; the database tests cover the
// locking, these cover each rule, including states the application cannot normally reach.
describe('staff change rules', () => {
  it('refuses to remove the last active admin by deactivation; nobody can move an admin into a data role', () => {
    expect(reason(() => assertStaffChange(admin('a'), admin('b'), { kind: 'deactivate' }, 1))).toMatch(/last active IT support/);
    // Only IT support changes an admin account, and IT support never gives a data role.
    expect(reason(() => assertStaffChange(admin('a'), admin('b'), { kind: 'role', to: 'manager' }, 2))).toMatch(/Only a program manager/);
    expect(reason(() => assertStaffChange(admin('a'), admin('b'), { kind: 'deactivate' }, 2))).toBeNull();
    expect(reason(() => assertStaffChange(admin('a'), admin('b'), { kind: 'reset_password' }, 1))).toBeNull();
  });

  it('refuses an inactive or unpermitted actor first', () => {
    const target: AccountRow = { id: 'p', role: 'peer', active: true };
    expect(reason(() => assertStaffChange(admin('a', false), target, { kind: 'deactivate' }, 2))).toMatch(/not available to your role/);
    expect(reason(() => assertStaffChange({ id: 'c', role: 'coordinator', active: true }, target, { kind: 'deactivate' }, 2))).toMatch(/not available/);
    expect(reason(() => assertStaffChange(undefined, target, { kind: 'deactivate' }, 2))).toMatch(/not available/);
  });

  it('refuses a role change to the same role', () => {
    const target: AccountRow = { id: 'p', role: 'peer', active: true };
    expect(reason(() => assertStaffChange(admin('a'), target, { kind: 'role', to: 'peer' }, 1))).toMatch(/already has this role/);
  });
});

describe('separation of duties', () => {
  const acct = (role: AccountRow['role'], id: string = role, active = true): AccountRow => ({ id, role, active });
  const DATA_ROLES = ['peer', 'coordinator', 'outreach', 'manager'] as const;

  for (const role of DATA_ROLES) {
    it(`IT support cannot create, give, reset or reactivate a ${role} account, but may deactivate one`, () => {
      const it = acct('admin', 'it');
      expect(reason(() => assertStaffChange(it, undefined, { kind: 'create', role }, 2))).toMatch(/Only a program manager can create/);
      expect(reason(() => assertStaffChange(it, acct('admin', 'other'), { kind: 'role', to: role }, 2))).toMatch(/Only a program manager can give/);
      expect(reason(() => assertStaffChange(it, acct(role, 't'), { kind: 'reset_password' }, 2))).toMatch(/Only a program manager can reset the password/);
      expect(reason(() => assertStaffChange(it, acct(role, 't'), { kind: 'reset_second_factor' }, 2))).toMatch(
        /Only a program manager can reset the second factor/,
      );
      expect(reason(() => assertStaffChange(it, acct(role, 't', false), { kind: 'reactivate' }, 2))).toMatch(/Only a program manager can reactivate/);
      expect(reason(() => assertStaffChange(it, acct(role, 't'), { kind: 'deactivate' }, 2))).toBeNull();
      expect(permittedChanges(it, acct(role, 't'))).toEqual({
        roles: [role, 'admin'],
        changeRole: true,
        setStatus: true,
        resetPassword: false,
        resetSecondFactor: false,
      });
    });
  }

  it('IT support still manages IT support accounts, and may move a data-role account to IT support', () => {
    const it = acct('admin', 'it');
    expect(creatableRoles(it)).toEqual(['admin']);
    expect(reason(() => assertStaffChange(it, acct('admin', 'b'), { kind: 'reset_password' }, 2))).toBeNull();
    expect(reason(() => assertStaffChange(it, acct('admin', 'b', false), { kind: 'reactivate' }, 2))).toBeNull();
    expect(reason(() => assertStaffChange(it, acct('coordinator', 'c'), { kind: 'role', to: 'admin' }, 2))).toBeNull();
  });

  it('a manager grants data roles, resets another manager, and never touches IT support or themselves', () => {
    const m = acct('manager', 'm');
    expect(creatableRoles(m)).toEqual(['peer', 'coordinator', 'outreach', 'manager']);
    expect(reason(() => assertStaffChange(m, acct('manager', 'm2'), { kind: 'reset_password' }, 2))).toBeNull();
    expect(reason(() => assertStaffChange(m, acct('peer', 'p'), { kind: 'role', to: 'manager' }, 2))).toBeNull();
    expect(reason(() => assertStaffChange(m, m, { kind: 'reset_second_factor' }, 2))).toMatch(/your own second factor/);
    expect(permittedChanges(m, acct('admin', 'a'))).toEqual({
      roles: ['admin'],
      changeRole: false,
      setStatus: false,
      resetPassword: false,
      resetSecondFactor: false,
    });
    expect(permittedChanges(m, m)).toEqual({ roles: ['manager'], changeRole: false, setStatus: false, resetPassword: false, resetSecondFactor: false });
  });

  it('tells the account concerned, and every other manager when a manager account is involved, never the actor', () => {
    const managers = ['m1', 'm2', 'm3'];
    expect(noticeRecipients('it', { id: 'p', role: 'peer' }, undefined, managers)).toEqual(['p']);
    expect(noticeRecipients('m1', { id: 'p', role: 'peer' }, 'coordinator', managers)).toEqual(['p']);
    expect(noticeRecipients('m1', { id: 'm2', role: 'manager' }, undefined, managers).sort()).toEqual(['m2', 'm3']);
    expect(noticeRecipients('m1', { id: 'p', role: 'peer' }, 'manager', managers).sort()).toEqual(['m2', 'm3', 'p']);
    expect(noticeRecipients('it', { id: 'm1', role: 'manager' }, undefined, managers).sort()).toEqual(['m1', 'm2', 'm3']);
  });
});
