import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { mergeParticipants } from '@/lib/participants/merge.ts';
import { runRetention, OPERATOR } from '@/lib/participants/retention.ts';
import { makeParticipant, dumpTable } from '@/lib/participants/lifecycle-test-helpers.ts';
import { timelineFor } from '@/lib/timeline/sources.ts';
import { expectAppError, lastAudit } from '@/lib/staff/test-helpers.ts';
import { createReport } from './create.ts';
import { alertFigures } from './figures.ts';
import { getReport, listReports } from './queries.ts';
import { searchAlerts } from './search.ts';
import { onlineReport, published, streetReport } from './test-helpers.ts';

const ids = async (actor: Parameters<typeof searchAlerts>[0], q: string) => (await searchAlerts(actor, { q })).hits.map((h) => h.id).sort();

describe('search', () => {
  it('finds by two characters of a plate, any phone formatting, part of a handle, words; audits counts only', async () => {
    const manager = await makeActor('manager');
    const street = await published(manager, streetReport(null));
    const online = await published(manager, onlineReport(null));
    const peer = await makeActor('peer');
    expect(await ids(peer, 'K7')).toEqual([street]);
    expect(await ids(peer, 'ab-k7')).toEqual([street]);
    expect(await ids(peer, '250-555-0199')).toEqual([online]);
    expect(await ids(peer, '5550199')).toEqual([online]);
    expect(await ids(peer, 'night_o')).toEqual([online]);
    expect(await ids(peer, 'grey beard')).toEqual([street]);
    expect(await ids(peer, 'zz')).toEqual([]);
    const hit = (await searchAlerts(peer, { q: 'K7' })).hits[0]!;
    expect(hit.status).toBeNull();
    expect(JSON.stringify(hit)).not.toContain('took my bag');
    expect(await lastAudit()).toMatchObject({ action: 'alert.searched', actorId: peer.id, details: { scope: 'published', results: 1 } });
    expect(await dumpTable('audit_event')).not.toMatch(/K7|night_o|5550199/);
  });

  it('peers find published alerts only; takers also open reports; reviewers private fields too', async () => {
    const coordinator = await makeActor('coordinator');
    const { id: pending } = await createReport(coordinator, streetReport(null, { plate: 'ZQ 88 PX', private: ['nameUsed'] }));
    const [peer, outreach] = [await makeActor('peer'), await makeActor('outreach')];
    expect(await ids(peer, 'ZQ8')).toEqual([]);
    expect(await ids(outreach, 'ZQ8')).toEqual([pending]);
    expect((await searchAlerts(outreach, { q: 'ZQ8' })).hits[0]!.status).toBe('new');
    // The name used is private: only a reviewer's search matches it.
    expect(await ids(outreach, 'Dave')).toEqual([]);
    expect(await ids(coordinator, 'Dave')).toEqual([pending]);
  });

  it('keeps old alerts searchable after they leave the sheet', async () => {
    const manager = await makeActor('manager');
    const id = await published(manager, streetReport(null));
    await db.alertReport.update({ where: { id }, data: { publishedAt: new Date(Date.now() - 200 * 86_400_000) } });
    expect(await ids(manager, 'K7 2')).toEqual([id]);
  });

  it('refuses an empty or absurd query beside the field, auditing nothing', async () => {
    const peer = await makeActor('peer');
    await expectAppError(searchAlerts(peer, { q: 'a' }), 'invalid', /at least 2/, 'q');
    await expectAppError(searchAlerts(peer, { q: 'x'.repeat(61) }), 'invalid', /60 characters/, 'q');
    expect(await db.auditEvent.count()).toBe(0);
  });

  for (const role of ROLES) {
    it(`${role}: ${roleCan(role, 'alert:read_published') ? 'may search' : 'is refused'}`, async () => {
      const actor = await makeActor(role);
      if (roleCan(role, 'alert:read_published')) expect((await searchAlerts(actor, { q: 'K7' })).hits).toEqual([]);
      else await expectAppError(searchAlerts(actor, { q: 'K7' }), 'forbidden');
    });
  }
});

describe('possible repeats', () => {
  it('flags a new report with the same whole plate or phone, and links both ways for reviewers', async () => {
    const coordinator = await makeActor('coordinator');
    const { id: first } = await createReport(coordinator, streetReport(null));
    const { id: other } = await createReport(coordinator, onlineReport(null));
    const second = await createReport(coordinator, streetReport(null, { plate: 'ab-k7-21' }));
    expect(second.possibleRepeats).toBe(1);
    const third = await createReport(coordinator, onlineReport(null, { phone: '250.555.0199' }));
    expect(third.possibleRepeats).toBe(1);
    expect((await createReport(coordinator, streetReport(null, { plate: 'AB K7 2' }))).possibleRepeats).toBe(0);
    expect((await getReport(coordinator, { id: first })).matches.map((m) => m.id)).toEqual([second.id]);
    expect((await getReport(coordinator, { id: second.id })).matches.map((m) => m.id)).toEqual([first]);
    expect((await getReport(coordinator, { id: other })).matches.map((m) => m.id)).toEqual([third.id]);
    const flagged = (await listReports(coordinator))
      .filter((r) => r.possibleRepeat)
      .map((r) => r.id)
      .sort();
    expect(flagged).toEqual([first, other, second.id, third.id].sort());
  });
});

describe('figures', () => {
  it('counts reports received and published by month and type, from the stored dates', async () => {
    const manager = await makeActor('manager');
    const a = await published(manager, streetReport(null, { types: ['robbery_theft', 'weapon'] }));
    const { id: b } = await createReport(manager, onlineReport(null));
    await db.alertReport.update({
      where: { id: a },
      data: { incidentDate: new Date('2026-10-29'), receivedOn: new Date('2026-10-30'), publishedOn: new Date('2026-11-02') },
    });
    await db.alertReport.update({ where: { id: b }, data: { incidentDate: new Date('2026-11-04'), receivedOn: new Date('2026-11-05') } });
    const figures = await alertFigures(manager, { from: '2026-10-01', to: '2026-11-30' });
    expect(figures.months).toEqual([
      { month: '2026-10', received: 1, published: 0 },
      { month: '2026-11', received: 1, published: 1 },
    ]);
    expect(figures.byType).toEqual([
      { month: '2026-10', type: 'robbery_theft', received: 1, published: 0 },
      { month: '2026-10', type: 'weapon', received: 1, published: 0 },
      { month: '2026-11', type: 'refused_to_pay', received: 1, published: 0 },
      { month: '2026-11', type: 'robbery_theft', received: 0, published: 1 },
      { month: '2026-11', type: 'weapon', received: 0, published: 1 },
    ]);
    expect(JSON.stringify(figures)).not.toMatch(/K7|Dave|bag/);
    await expectAppError(alertFigures(await makeActor('coordinator'), { from: '2026-10-01', to: '2026-11-30' }), 'forbidden');
  });
});

describe('the reporter across the record’s life', () => {
  it('the timeline shows "made a report" to reviewers only', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makeParticipant(coordinator.id);
    await createReport(coordinator, streetReport(person.id));
    const titles = async (role: Parameters<typeof makeActor>[0]) => (await timelineFor(await makeActor(role), person.id)).entries.map((e) => e.title);
    expect(await titles('coordinator')).toContain('Made a bad date report');
    expect(await titles('manager')).toContain('Made a bad date report');
    expect(await titles('outreach')).not.toContain('Made a bad date report');
    expect(await titles('peer')).not.toContain('Made a bad date report');
  });

  it('a merge moves the report to the kept record', async () => {
    const coordinator = await makeActor('coordinator');
    const [kept, merged] = [await makeParticipant(coordinator.id), await makeParticipant(coordinator.id)];
    const { id } = await createReport(coordinator, streetReport(merged.id));
    await mergeParticipants(coordinator, { keptId: kept.id, mergedId: merged.id });
    expect((await getReport(coordinator, { id })).reporter?.id).toBe(kept.id);
  });

  it('de-identification cuts the link: the report stays, anonymous', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makeParticipant(coordinator.id, { lastActivityAt: new Date('2020-01-01') });
    const { id } = await createReport(coordinator, streetReport(person.id));
    await db.participant.update({ where: { id: person.id }, data: { lastActivityAt: new Date('2020-01-01') } });
    await runRetention(OPERATOR);
    const row = await db.alertReport.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ reporterId: null, wantsFollowUp: false, status: 'new' });
  });
});

describe('the person’s own access request', () => {
  it('includes their reports, decrypted under the table:id:column convention', async () => {
    const { getAccessRequest } = await import('@/lib/participants/access-request.ts');
    const manager = await makeActor('manager');
    const person = await makeParticipant(manager.id);
    const { id } = await createReport(manager, streetReport(person.id));
    const request = await getAccessRequest(manager, person.id, 'view');
    const section = request.related.find((r) => r.table === 'alert_report');
    expect(section?.rows.map((r) => r.id)).toEqual([id]);
    expect(String(section?.rows[0]?.details)).toContain('took my bag');
  });
});
