import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { ROLES, roleCan } from '@/lib/auth/permissions.ts';
import { dumpTable, makeParticipant } from '@/lib/participants/lifecycle-test-helpers.ts';
import { auditActions, expectAppError, lastAudit } from '@/lib/staff/test-helpers.ts';
import { createReport, FUTURE_DATE } from './create.ts';
import { getReport, listReports, listSheet } from './queries.ts';
import { ALERT_VIEW_KEYS, PUBLISH_NEEDS_DESCRIPTION } from './rules.ts';
import { INCIDENT_DATE_INVALID } from './schema.ts';
import { published, streetReport } from './test-helpers.ts';
import { setPrivateFields, transitionReport } from './transitions.ts';
import { localDay } from '@/lib/calendar/index.ts';

const SECRETS = ['river path', 'Ford', 'AB K7 21', 'ABK721', 'grey beard', 'Dave', 'took my bag'];

describe('taking a report', () => {
  it('stores every text field encrypted: nothing readable in a dump of the table or the audit log', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makeParticipant(coordinator.id);
    const { id, possibleRepeats } = await createReport(coordinator, streetReport(person.id));
    expect(possibleRepeats).toBe(0);
    const dump = await dumpTable('alert_report');
    expect(dump).toContain(id);
    for (const s of SECRETS) expect(dump).not.toContain(s);
    const audit = await dumpTable('audit_event');
    for (const s of [...SECRETS, person.code]) expect(audit).not.toContain(s);
    expect(await lastAudit()).toMatchObject({ action: 'alert.reported', entityId: id, details: { mode: 'street', anonymous: false, possibleRepeatOf: [] } });
  });

  it('keeps only the fields that fit how the person worked', async () => {
    const manager = await makeActor('manager');
    const { id } = await createReport(manager, streetReport(null, { mode: 'indoor_outcall', venue: 'hotel_motel', phone: '250 555 0100' }));
    const report = await getReport(manager, { id });
    expect(report.text).toMatchObject({ plate: null, vehicleMake: null, phone: null, area: 'Near the river path', appearance: 'Tall, grey beard, cap' });
    expect(report.preview.venue).toBe('hotel_motel');
  });

  const BAD: [string, Record<string, unknown>, string, RegExp][] = [
    ['an incident in the future', { incidentDate: localDay(new Date(Date.now() + 2 * 86_400_000)) }, 'incidentDate', new RegExp(FUTURE_DATE)],
    ['a plate of absurd length', { plate: 'AB K7 21 XY 99 ZZ 12' }, 'plate', /plate/],
    ['a plate too long once spaces go', { plate: 'ABCDEFGHIJKL' }, 'plate', /10 letters and numbers/],
    ['a phone number of absurd length', { mode: 'online_phone', phone: '1234567890123456789' }, 'phone', /at most 15 digits/],
    ['a phone number with letters', { mode: 'online_phone', phone: 'call me' }, 'phone', /digits/],
    ['markup in a short field', { area: '<b>Downtown</b>' }, 'area', /< and >/],
    ['no incident type', { types: [] }, 'types', /at least one/],
    ['an unknown participant', { reporter: '00000000-0000-4000-8000-000000000000' }, 'reporter', /not found/],
  ];
  for (const [what, over, field, message] of BAD) {
    it(`refuses ${what} beside the field, changing nothing`, async () => {
      const coordinator = await makeActor('coordinator');
      await expectAppError(createReport(coordinator, streetReport(null, over)), 'invalid', message, field);
      expect(await db.alertReport.count()).toBe(0);
      expect(await auditActions()).toEqual([]);
    });
  }

  // An impossible date used to be saved rolled over (2026-02-30 as 2026-03-02). `now` is fixed so
  // that each date is otherwise acceptable: in the past, within five years.
  for (const [impossible, now] of [
    ['2026-02-30', '2026-03-10T20:00:00Z'],
    ['2026-11-31', '2026-12-05T20:00:00Z'],
  ] as const) {
    it(`refuses ${impossible} beside the date, storing nothing`, async () => {
      const coordinator = await makeActor('coordinator');
      await expectAppError(
        createReport(coordinator, streetReport(null, { incidentDate: impossible }), new Date(now)),
        'invalid',
        new RegExp(INCIDENT_DATE_INVALID),
        'incidentDate',
      );
      expect(await db.alertReport.count()).toBe(0);
      expect(await auditActions()).toEqual([]);
    });
  }

  it('keeps script in the free text as text, verbatim', async () => {
    const manager = await makeActor('manager');
    const script = '<script>alert("x")</script> & <img src=x onerror=alert(1)>';
    const id = await published(manager, streetReport(null, { appearance: script }));
    expect((await listSheet(manager)).find((a) => a.id === id)?.shown.appearance).toBe(script);
  });

  for (const role of ROLES) {
    it(`${role}: ${roleCan(role, 'alert:report') ? 'may take a report' : 'is refused, and nothing is stored'}`, async () => {
      const actor = await makeActor(role);
      if (roleCan(role, 'alert:report')) {
        await createReport(actor, streetReport(null));
        expect(await db.alertReport.count()).toBe(1);
      } else {
        await expectAppError(createReport(actor, streetReport(null)), 'forbidden');
        expect(await db.alertReport.count()).toBe(0);
      }
    });
  }
});

describe('the alert never carries the reporter', () => {
  it('sheet, preview: exactly the alert keys; no participant id, code, alias, account or private field anywhere', async () => {
    const coordinator = await makeActor('coordinator');
    const person = await makeParticipant(coordinator.id);
    const { id } = await createReport(coordinator, streetReport(person.id, { private: ['nameUsed', 'vehicleColour'] }));
    await transitionReport(coordinator, { id, action: 'review' });
    const full = await getReport(coordinator, { id });
    expect(full.reporter).toEqual({ id: person.id, code: person.code, alias: person.alias });
    await transitionReport(coordinator, { id, action: 'publish' });
    const peer = await makeActor('peer');
    const [alert] = await listSheet(peer);
    // The preview is the sheet's own rendering: the same alert, less the moment of publishing.
    expect({ ...alert, publishedAt: null }).toEqual(full.preview);
    expect(Object.keys(alert!).sort()).toEqual([...ALERT_VIEW_KEYS].sort());
    expect(Object.keys(alert!.shown).sort()).toEqual(['appearance', 'area', 'plate', 'vehicleMake', 'vehicleModel']);
    const text = JSON.stringify(alert);
    for (const s of [person.id, person.code, person.alias!, 'took my bag', 'Dave', 'grey"', coordinator.id, 'wantsFollowUp', 'police'])
      expect(text).not.toContain(s);
  });
});

describe('reviewing and publishing', () => {
  it('walks new → reviewed → published → archived, each audited; the sheet shows published only', async () => {
    const coordinator = await makeActor('coordinator');
    const { id } = await createReport(coordinator, streetReport(null));
    expect(await listSheet(coordinator)).toEqual([]);
    await expectAppError(transitionReport(coordinator, { id, action: 'publish' }), 'conflict', /Only a reviewed report/);
    await transitionReport(coordinator, { id, action: 'review' });
    await transitionReport(coordinator, { id, action: 'publish' });
    expect((await listSheet(coordinator)).map((a) => a.id)).toEqual([id]);
    await transitionReport(coordinator, { id, action: 'archive' });
    expect(await listSheet(coordinator)).toEqual([]);
    await expectAppError(transitionReport(coordinator, { id, action: 'withdraw' }), 'conflict');
    expect(await auditActions()).toEqual(['alert.reported', 'alert.reviewed', 'alert.published', 'alert.archived']);
  });

  it('refuses to publish without a description that may be shown, changing nothing', async () => {
    const manager = await makeActor('manager');
    const { id } = await createReport(manager, streetReport(null, { appearance: '' }));
    await transitionReport(manager, { id, action: 'review' });
    await expectAppError(transitionReport(manager, { id, action: 'publish' }), 'invalid', PUBLISH_NEEDS_DESCRIPTION);
    const { id: hidden } = await createReport(manager, streetReport(null, { private: ['appearance'] }));
    await transitionReport(manager, { id: hidden, action: 'review' });
    await expectAppError(transitionReport(manager, { id: hidden, action: 'publish' }), 'invalid', PUBLISH_NEEDS_DESCRIPTION);
    expect(await db.alertReport.count({ where: { status: 'published' } })).toBe(0);
    await setPrivateFields(manager, { id: hidden, private: [] });
    await transitionReport(manager, { id: hidden, action: 'publish' });
    await expectAppError(setPrivateFields(manager, { id: hidden, private: ['appearance'] }), 'invalid', /must keep a description/);
  });

  it('the database refuses a step outside the machine even without the code', async () => {
    const manager = await makeActor('manager');
    const { id } = await createReport(manager, streetReport(null));
    await expect(
      db.alertReport.update({ where: { id }, data: { status: 'published', publishedAt: new Date(), publishedOn: new Date(), reviewedAt: new Date() } }),
    ).rejects.toThrow();
    await expect(db.alertReport.update({ where: { id }, data: { incidentDate: new Date('2099-01-01') } })).rejects.toThrow();
    expect((await db.alertReport.findUniqueOrThrow({ where: { id } })).status).toBe('new');
  });

  for (const role of ROLES) {
    it(`${role}: ${roleCan(role, 'alert:review') ? 'may review, publish and read the full report' : 'may not publish or read the full report; nothing changes'}`, async () => {
      const coordinator = await makeActor('coordinator');
      const { id } = await createReport(coordinator, streetReport(null));
      await transitionReport(coordinator, { id, action: 'review' });
      const actor = await makeActor(role);
      if (roleCan(role, 'alert:review')) {
        await transitionReport(actor, { id, action: 'publish' });
        expect((await getReport(actor, { id })).status).toBe('published');
        expect((await listReports(actor, { open: false })).map((r) => r.id)).toEqual([id]);
      } else {
        await expectAppError(transitionReport(actor, { id, action: 'publish' }), 'forbidden');
        await expectAppError(getReport(actor, { id }), 'forbidden');
        await expectAppError(listReports(actor), 'forbidden');
        expect((await db.alertReport.findUniqueOrThrow({ where: { id } })).status).toBe('reviewed');
      }
      if (roleCan(role, 'alert:read_published')) await listSheet(actor);
      else await expectAppError(listSheet(actor), 'forbidden');
    });
  }

  it('every reading of a full report is audited with ids and counts only', async () => {
    const manager = await makeActor('manager');
    const { id } = await createReport(manager, streetReport(null));
    await getReport(manager, { id });
    expect(await lastAudit()).toMatchObject({ action: 'alert.viewed', entityId: id, details: { matches: 0 } });
  });
});

describe.runIf(process.env.TEST_SERVER_URL)('two reviewers at once', () => {
  it('publishing and withdrawing the same report together: one wins, the other gets a plain answer', async () => {
    const [one, two] = [await makeActor('coordinator'), await makeActor('manager')];
    const { id } = await createReport(one, streetReport(null));
    await transitionReport(one, { id, action: 'review' });
    const settled = await Promise.allSettled([
      transitionReport(one, { id, action: 'publish' }),
      transitionReport(two, { id, action: 'withdraw' }),
      transitionReport(two, { id, action: 'publish' }),
    ]);
    // Publish then withdraw is a legal order too; what must never happen is two publishes.
    expect(await db.auditEvent.count({ where: { action: 'alert.published' } })).toBe(1);
    const refused = settled.filter((r) => r.status === 'rejected') as PromiseRejectedResult[];
    expect(refused.length).toBeGreaterThanOrEqual(1);
    for (const r of refused) expect((r.reason as { userMessage?: string }).userMessage).toMatch(/Reload the page/);
  });
});
