import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { recordAudit } from './record.ts';

describe('audit log', () => {
  it('records an event inside the caller transaction and rolls back with it', async () => {
    const actor = await makeActor('manager');
    await db.$transaction((tx) => recordAudit(tx, actor, 'test.kept', { entityType: 'x', entityId: '1' }));
    await expect(
      db.$transaction(async (tx) => {
        await recordAudit(tx, actor, 'test.rolled_back');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    const actions = (await db.auditEvent.findMany({ select: { action: true } })).map((e) => e.action);
    expect(actions).toEqual(['test.kept']);
  });

  it('refuses UPDATE, DELETE and TRUNCATE at the database', async () => {
    await db.$transaction((tx) => recordAudit(tx, null, 'test.event'));
    const c = await rawClient();
    await expect(c.query(`UPDATE audit_event SET action = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(c.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    // The hash chain's foreign key refuses a bare TRUNCATE first; with CASCADE the trigger still does.
    await expect(c.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only|referenced in a foreign key/);
    await expect(c.query(`TRUNCATE audit_event CASCADE`)).rejects.toThrow(/append-only/);
    expect(await db.auditEvent.count({ where: { action: 'test.event' } })).toBe(1);
  });

  it('refuses an unknown outcome', async () => {
    const c = await rawClient();
    await expect(c.query(`INSERT INTO audit_event (action, outcome) VALUES ('x', 'maybe')`)).rejects.toThrow(/audit_event_outcome_check/);
  });
});
