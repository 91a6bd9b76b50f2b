import { describe, expect, it } from 'vitest';
import { AppError } from '@/lib/errors.ts';
import { assertStaffChange, type AccountRow } from './rules.ts';

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
  it('refuses to remove the last active admin, by demotion or deactivation', () => {
    expect(reason(() => assertStaffChange(admin('a'), admin('b'), { kind: 'deactivate' }, 1))).toMatch(/last active IT support/);
    expect(reason(() => assertStaffChange(admin('a'), admin('b'), { kind: 'role', to: 'manager' }, 1))).toMatch(/last active IT support/);
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
