import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { rawClient } from '@/lib/db/test/reset.ts';
import { mergeParticipants } from '@/lib/participants/merge.ts';
import { getAccessRequest } from '@/lib/participants/access-request.ts';
import { runRetention, retentionCutoff } from '@/lib/participants/retention.ts';
import { timelineFor } from '@/lib/timeline/sources.ts';
import { changeStay } from './transitions.ts';
import { addLogEntry, readStayLog } from './log.ts';
import { suiteToday } from './today.ts';
import { book, makePerson, makeUnit, moveStay } from './test-helpers.ts';

const HOUR = 3_600_000;

async function stayInProgress(unitName?: string) {
  const outreach = await makeActor('outreach');
  const person = await makePerson(outreach);
  const unit = await makeUnit(unitName);
  const s = await book(outreach, unit.id, person.id, 1, 2);
  await moveStay(s.stayId, new Date(Date.now() - HOUR), new Date(Date.now() + 20 * HOUR));
  await changeStay(outreach, { stayId: s.stayId, transition: 'check_in' });
  await addLogEntry(outreach, { stayId: s.stayId, kind: 'handover', text: 'Asked for a late checkout' });
  return { outreach, person, unit, stayId: s.stayId };
}

describe('stays and the participant record', () => {
  it('a merge moves stays (found through the foreign key) and their log still reads', async () => {
    const { outreach, person, stayId } = await stayInProgress();
    const coordinator = await makeActor('coordinator');
    const kept = await makePerson(coordinator);
    const result = await mergeParticipants(coordinator, { keptId: kept.id, mergedId: person.id });
    expect(result.keptId).toBe(kept.id);
    expect((await db.stay.findUniqueOrThrow({ where: { id: stayId } })).participantId).toBe(kept.id);
    // The log follows its stay (the composite key cascades).
    expect(await db.stayLogEntry.count({ where: { participantId: kept.id } })).toBe(1);
    expect((await readStayLog(outreach, { stayId }))[0]!.text).toBe('Asked for a late checkout');
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: 'participant.merged' }, select: { details: true } });
    expect(JSON.stringify(audit.details)).toContain('stay.participant_id:1');
  });

  it('de-identifying the person erases the text of their stay log; the entries and the stay stay', async () => {
    const { outreach, person, stayId } = await stayInProgress();
    const manager = await makeActor('manager');
    const other = await stayInProgress();
    await db.participant.update({ where: { id: person.id }, data: { lastActivityAt: new Date(retentionCutoff(new Date(), 24).getTime() - 86_400_000) } });
    expect((await runRetention(manager)).count).toBe(1);
    const c = await rawClient();
    const { rows } = await c.query(`SELECT stay_id::text AS "stayId", text_enc IS NULL AS erased FROM stay_log_entry ORDER BY at`);
    expect(rows).toEqual([
      { stayId, erased: true },
      { stayId: other.stayId, erased: false },
    ]);
    expect(await readStayLog(outreach, { stayId })).toMatchObject([{ kind: 'handover', text: null }]);
    expect(await db.stay.count()).toBe(2);
  });

  it('an access request shows the person their stays and what the log says about them', async () => {
    const { person, stayId } = await stayInProgress();
    const manager = await makeActor('manager');
    const request = await getAccessRequest(manager, person.id, 'view');
    const tables = Object.fromEntries(request.related.map((r) => [r.table, r.rows]));
    expect(tables.stay).toHaveLength(1);
    expect(tables.stay_log_entry).toMatchObject([{ stay_id: stayId, kind: 'handover', text: 'Asked for a late checkout' }]);
  });

  it('a log entry cannot belong to another person than its stay', async () => {
    const { stayId } = await stayInProgress();
    const other = await stayInProgress();
    const c = await rawClient();
    await expect(c.query(`UPDATE stay_log_entry SET participant_id = $1 WHERE stay_id = $2`, [other.person.id, stayId])).rejects.toThrow(
      /stay_log_entry_stay_id_participant_id_fkey/,
    );
  });

  it('a stay is activity for retention', async () => {
    const { person } = await stayInProgress();
    const row = await db.participant.findUniqueOrThrow({ where: { id: person.id }, select: { lastActivityAt: true } });
    expect(Date.now() - row.lastActivityAt.getTime()).toBeLessThan(60_000);
  });

  it('shows on the timeline to roles that see stays, never to peer; the log text never', async () => {
    const { outreach, person } = await stayInProgress();
    const { entries } = await timelineFor(outreach, person.id);
    const stayEntries = entries.filter((e) => e.kind === 'stay');
    expect(stayEntries).toHaveLength(1);
    expect(stayEntries[0]!.title).toBe('Safe Suite stay: in the suite');
    expect(JSON.stringify(entries)).not.toContain('late checkout');
    expect((await timelineFor(await makeActor('peer'), person.id)).entries.filter((e) => e.kind === 'stay')).toEqual([]);
  });
});

describe('suiteToday', () => {
  it('free, occupied until the departure, and a welfare check overdue; names nobody', async () => {
    const { outreach, stayId, unit, person } = await stayInProgress('Suite T');
    await makeUnit('Suite U');
    let today = await suiteToday(outreach);
    expect(today.map((u) => [u.name, u.state, u.overdue])).toEqual([
      ['Suite T', 'occupied', false],
      ['Suite U', 'free', false],
    ]);
    // Three hours on with no welfare check (the interval is two hours): overdue.
    today = await suiteToday(outreach, new Date(Date.now() + 3 * HOUR));
    expect(today[0]).toMatchObject({ unitId: unit.id, stayId, state: 'occupied', overdue: true });
    await addLogEntry(outreach, { stayId, kind: 'welfare_check' });
    expect((await suiteToday(outreach, new Date(Date.now() + HOUR)))[0]!.overdue).toBe(false);
    expect(JSON.stringify(today)).not.toContain(person.alias!);
  });
});
