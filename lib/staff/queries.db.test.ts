import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { parseTableParams } from '@/lib/table/params.ts';
import { getStaffMember, listStaff } from './queries.ts';
import { STAFF_TABLE } from './schema.ts';
import { expectAppError } from './test-helpers.ts';

const params = (search: Record<string, string> = {}) => parseTableParams(STAFF_TABLE, search);

async function seed() {
  const manager = await makeActor('manager', { displayName: 'Dana Moreau' });
  const people = [
    { displayName: 'Ren Bellamy', email: 'ren.b@example.org', role: 'peer', active: true },
    { displayName: 'Sky Okafor', email: 'sky.o@example.org', role: 'peer', active: true },
    { displayName: 'Ash Whitford', email: 'ash.w@example.org', role: 'outreach', active: false },
    { displayName: 'Lee Hollis', email: 'lee.h@lantern.test', role: 'coordinator', active: true },
  ] as const;
  for (const p of people) await db.staffUser.create({ data: { ...p, passwordHash: 'x' } });
  return manager;
}

const names = (r: { rows: { displayName: string }[] }) => r.rows.map((x) => x.displayName);

describe('listStaff', () => {
  it('sorts by name by default and by any allowed column', async () => {
    const manager = await seed();
    expect(names(await listStaff(manager, params()))).toEqual(['Ash Whitford', 'Dana Moreau', 'Lee Hollis', 'Ren Bellamy', 'Sky Okafor']);
    const byEmailDesc = await listStaff(manager, params({ sort: 'email', dir: 'desc' }));
    expect(byEmailDesc.rows[0]!.email).toBe('sky.o@example.org');
    const byStatus = await listStaff(manager, params({ sort: 'status', dir: 'asc' }));
    expect(byStatus.rows[0]!.displayName).toBe('Ash Whitford');
  });

  it('filters by role, status and text in name or email', async () => {
    const manager = await seed();
    expect(names(await listStaff(manager, params({ role: 'peer' })))).toEqual(['Ren Bellamy', 'Sky Okafor']);
    expect(names(await listStaff(manager, params({ status: 'inactive' })))).toEqual(['Ash Whitford']);
    expect(names(await listStaff(manager, params({ q: 'OKAF' })))).toEqual(['Sky Okafor']);
    expect(names(await listStaff(manager, params({ q: 'lantern.test' })))).toEqual(['Lee Hollis']);
    // Wildcards are searched for literally.
    expect((await listStaff(manager, params({ q: '%' }))).total).toBe(0);
    expect((await listStaff(manager, params({ q: 'ren_b' }))).total).toBe(0);
    expect(names(await listStaff(manager, params({ q: 'ren.b' })))).toEqual(['Ren Bellamy']);
  });

  it('pages with a total, and shows the last page for a page past the end', async () => {
    const manager = await seed();
    for (let i = 0; i < 30; i++)
      await db.staffUser.create({ data: { displayName: `Extra ${String(i).padStart(2, '0')}`, email: `x${i}@example.org`, role: 'peer', passwordHash: 'x' } });
    const first = await listStaff(manager, params());
    expect(first).toMatchObject({ total: 35, page: 1 });
    expect(first.rows).toHaveLength(25);
    const second = await listStaff(manager, params({ page: '2' }));
    expect(second.rows).toHaveLength(10);
    expect(new Set([...first.rows, ...second.rows].map((r) => r.id)).size).toBe(35);
    expect((await listStaff(manager, params({ page: '99' }))).page).toBe(2);
    // Sorting by a column with many equal values (31 peers) still pages without repeats.
    const byRole = [...(await listStaff(manager, params({ sort: 'role' }))).rows, ...(await listStaff(manager, params({ sort: 'role', page: '2' }))).rows];
    expect(new Set(byRole.map((r) => r.id)).size).toBe(35);
    // ...because ties are broken by id, so the order is total.
    const peerIds = byRole.filter((r) => r.role === 'peer').map((r) => r.id);
    expect(peerIds).toEqual([...peerIds].sort());
  });

  it('ignores bad parameters instead of failing', async () => {
    const manager = await seed();
    const odd = params({ page: '-3', pageSize: '7', sort: 'password_hash', dir: 'sideways', role: 'owner', status: 'x', q: 'y'.repeat(500) });
    expect(odd).toMatchObject({ page: 1, pageSize: 25, sort: 'name', dir: 'asc', q: '', filters: {} });
    expect((await listStaff(manager, odd)).total).toBe(5);
  });

  it('returns only what the list shows (no password hash)', async () => {
    const manager = await seed();
    const row = (await listStaff(manager, params())).rows[0]!;
    expect(Object.keys(row).sort()).toEqual(['active', 'createdAt', 'createdOn', 'displayName', 'email', 'id', 'role']);
  });
});

describe('getStaffMember', () => {
  it('returns one account, and "not found" for an unknown or malformed id', async () => {
    const manager = await seed();
    expect((await getStaffMember(manager, manager.id)).displayName).toBe('Dana Moreau');
    for (const id of ['nope', '00000000-0000-4000-8000-000000000000', 7, undefined]) {
      await expectAppError(getStaffMember(manager, id), 'not_found', 'That account was not found.');
    }
  });
});

describe('roles without staff:read', () => {
  for (const role of ROLES.filter((r) => !roleCan(r, 'staff:read'))) {
    it(`${role} can read no staff account`, async () => {
      const actor = await makeActor(role);
      await expectAppError(listStaff(actor, params()), 'forbidden');
      await expectAppError(getStaffMember(actor, actor.id), 'forbidden');
    });
  }
});
