import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { AppError } from '@/lib/errors.ts';
import { parseTableParams } from '@/lib/table/params.ts';
import { auditFilterOptions, listAuditEvents } from './queries.ts';
import { AUDIT_TABLE } from './schema.ts';

const params = (search: Record<string, string> = {}) => parseTableParams(AUDIT_TABLE, search);

/** Inserts an event at a given instant (raw SQL: the application always uses now()). */
async function event(
  at: string,
  action: string,
  actorId: string | null,
  extra: { entityType?: string; entityId?: string; details?: object; outcome?: string } = {},
) {
  const c = await rawClient();
  await c.query(
    `INSERT INTO audit_event (at, actor_id, actor_role, action, outcome, entity_type, entity_id, details)
     VALUES ($1, $2, (SELECT role FROM staff_user WHERE id = $2), $3, $4, $5, $6, $7)`,
    [at, actorId, action, extra.outcome ?? 'ok', extra.entityType ?? null, extra.entityId ?? null, extra.details ? JSON.stringify(extra.details) : null],
  );
}

async function seed() {
  const manager = await makeActor('manager', { displayName: 'Dana Moreau' });
  const admin = await makeActor('admin', { displayName: 'IT Support' });
  // Vancouver has been on UTC−7 all year since 2026: 06:59Z on the 2nd is still 23:59 on the 1st there.
  await event('2026-11-01T08:00:00Z', 'staff_user.created', admin.id, { entityType: 'staff_user', entityId: manager.id, details: { role: 'manager' } });
  await event('2026-11-02T06:59:00Z', 'staff_user.role_changed', manager.id, {
    entityType: 'staff_user',
    entityId: admin.id,
    details: { from: 'peer', to: 'coordinator' },
  });
  await event('2026-11-02T07:00:00Z', 'auth.sign_in_failed', null, { outcome: 'failed' });
  await event('2026-11-03T18:00:00Z', 'access.refused', manager.id, { outcome: 'refused', details: { permission: 'report:read', list: ['a', 'b'] } });
  return { manager, admin };
}

const actions = (r: { rows: { action: string }[] }) => r.rows.map((x) => x.action);

describe('listAuditEvents', () => {
  it('lists newest first with who (name and role at the time), outcome, entity and details as pairs', async () => {
    const { manager, admin } = await seed();
    const result = await listAuditEvents(manager, params());
    expect(result.total).toBe(4);
    expect(actions(result)).toEqual(['access.refused', 'auth.sign_in_failed', 'staff_user.role_changed', 'staff_user.created']);
    expect(result.rows[0]).toMatchObject({
      actorName: 'Dana Moreau',
      actorRole: 'manager',
      outcome: 'refused',
      details: [
        ['list', 'a, b'],
        ['permission', 'report:read'],
      ],
    });
    expect(result.rows[1]).toMatchObject({ actorName: null, actorRole: null, outcome: 'failed', details: [] });
    expect(result.rows[2]!.details).toEqual([
      ['from', 'peer'],
      ['to', 'coordinator'],
    ]);
    // The time as Vancouver reads it, formatted on the server (01:00 PDT under every rule set since 2007).
    expect(result.rows[3]).toMatchObject({
      at: '2026-11-01T08:00:00.000Z',
      atText: '2026-11-01 01:00',
      actorName: 'IT Support',
      actorRole: 'admin',
      entityType: 'staff_user',
      entityId: manager.id,
    });
    expect(actions(await listAuditEvents(admin, params({ dir: 'asc' })))[0]).toBe('staff_user.created');
  });

  it('filters by staff member, action, entity type, outcome and record id', async () => {
    const { manager, admin } = await seed();
    expect(actions(await listAuditEvents(manager, params({ actor: manager.id })))).toEqual(['access.refused', 'staff_user.role_changed']);
    expect(actions(await listAuditEvents(manager, params({ action: 'staff_user.created' })))).toEqual(['staff_user.created']);
    expect((await listAuditEvents(manager, params({ entity: 'staff_user' }))).total).toBe(2);
    expect(actions(await listAuditEvents(manager, params({ outcome: 'failed' })))).toEqual(['auth.sign_in_failed']);
    expect(actions(await listAuditEvents(manager, params({ q: admin.id })))).toEqual(['staff_user.role_changed']);
  });

  it('reads the date range as whole days in Vancouver', async () => {
    const { manager } = await seed();
    expect(actions(await listAuditEvents(manager, params({ from: '2026-11-01', to: '2026-11-01' })))).toEqual([
      'staff_user.role_changed',
      'staff_user.created',
    ]);
    expect(actions(await listAuditEvents(manager, params({ from: '2026-11-02' })))).toEqual(['access.refused', 'auth.sign_in_failed']);
    expect(actions(await listAuditEvents(manager, params({ to: '2026-10-31' })))).toEqual([]);
  });

  it('pages, and ignores malformed filters instead of failing', async () => {
    const { manager } = await seed();
    for (let i = 0; i < 60; i++) await event('2026-10-01T12:00:00Z', 'test.filler', null);
    const p2 = await listAuditEvents(manager, params({ page: '2' }));
    expect(p2).toMatchObject({ total: 64, page: 2 });
    expect(p2.rows).toHaveLength(14);
    const odd = params({ actor: 'not-a-uuid', action: "x'; DROP TABLE audit_event; --", from: '2026-02-30', outcome: 'maybe', sort: 'details' });
    expect(odd.filters).toEqual({});
    expect((await listAuditEvents(manager, odd)).total).toBe(64);
  });
});

describe('auditFilterOptions', () => {
  it('offers every staff member and the distinct actions and entity types on record', async () => {
    const { manager } = await seed();
    await db.staffUser.update({ where: { id: manager.id }, data: { active: false } });
    const options = await auditFilterOptions(manager);
    expect(options.staff.map((s) => s.label)).toEqual(['Dana Moreau (Program manager, deactivated)', 'IT Support (IT support)']);
    expect(options.actions).toEqual(['access.refused', 'auth.sign_in_failed', 'staff_user.created', 'staff_user.role_changed']);
    expect(options.entityTypes).toEqual(['staff_user']);
  });
});

describe('roles without audit:read', () => {
  for (const role of ROLES.filter((r) => !roleCan(r, 'audit:read'))) {
    it(`${role} cannot read the audit log`, async () => {
      const actor = await makeActor(role);
      await expect(listAuditEvents(actor, params())).rejects.toBeInstanceOf(AppError);
      await expect(auditFilterOptions(actor)).rejects.toMatchObject({ code: 'forbidden' });
    });
  }
});
