import { describe, expect, it } from 'vitest';
import { ownerDb } from '../../lib/db/test/open-db.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { dumpTable } from '@/lib/participants/lifecycle-test-helpers.ts';
import { listReports, listSheet } from '@/lib/alerts/queries.ts';
import { searchAlerts } from '@/lib/alerts/search.ts';
import { seedStaff } from './staff.ts';
import { seedAlerts } from './alerts.ts';

describe('demo seed: bad date reports', () => {
  it('loads published alerts, one off the sheet but searchable, and reports waiting, one a possible repeat', async () => {
    await seedStaff(await ownerDb());
    await seedAlerts(await ownerDb());
    const peer = await makeActor('peer');
    expect(await listSheet(peer)).toHaveLength(3);
    expect((await searchAlerts(peer, { q: 'LX9' })).hits).toHaveLength(1);
    expect((await searchAlerts(peer, { q: 'K7' })).hits).toHaveLength(1);
    const open = await listReports(await makeActor('coordinator'));
    expect(open.map((r) => r.status).sort()).toEqual(['new', 'reviewed']);
    expect(open.find((r) => r.status === 'new')?.possibleRepeat).toBe(true);
    expect(await dumpTable('alert_report')).not.toMatch(/K7|rail yard|quiet_guy/);
  });
});
