import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { createParticipant, updateParticipant } from '@/lib/participants/mutations.ts';
import { participantTimelineEntries, timelineFor } from './sources.ts';

async function person() {
  const coordinator = await makeActor('coordinator', { displayName: 'Dana' });
  const { id } = await createParticipant(coordinator, { alias: 'Lark', consent: 'on' });
  return { coordinator, id };
}

async function visit(participantId: string, by: string, at: Date, voided = false) {
  await db.visit.create({
    data: {
      participantId,
      visitedAt: at,
      visitDate: at,
      idempotencyKey: randomUUID(),
      createdById: by,
      ...(voided ? { voidedAt: new Date(), voidedById: by } : {}),
    },
  });
}

describe('participantTimelineEntries', () => {
  it('shows the record’s creation with consent, and each edit by field name and person', async () => {
    const { coordinator, id } = await person();
    await updateParticipant(coordinator, { id, alias: 'Lark', pronouns: 'they' });
    const entries = await participantTimelineEntries(coordinator, id);
    expect(entries.map((e) => e.title)).toEqual(['Record created', 'Details changed']);
    expect(entries[0]!.detail).toBe('The person agreed that we keep a record. Recorded by Dana.');
    expect(entries[1]!.detail).toBe('Pronouns. By Dana.');
  });

  it('gives peers, unknown ids and malformed ids nothing', async () => {
    const { id } = await person();
    expect(await participantTimelineEntries(await makeActor('peer'), id)).toEqual([]);
    const manager = await makeActor('manager');
    expect(await participantTimelineEntries(manager, randomUUID())).toEqual([]);
    expect(await participantTimelineEntries(manager, 'Lark')).toEqual([]);
  });
});

describe('timelineFor', () => {
  it('merges every source newest first, voided visits muted; peers see none of a person’s past', async () => {
    const { coordinator, id } = await person();
    await visit(id, coordinator.id, new Date(Date.now() + 60_000));
    await visit(id, coordinator.id, new Date(Date.now() - 86_400_000), true);
    const { entries, more } = await timelineFor(coordinator, id);
    expect(more).toBe(false);
    expect(entries.map((e) => [e.kind, !!e.muted])).toEqual([
      ['visit', false],
      ['participant', false],
      ['visit', true],
    ]);
    const peer = await timelineFor(await makeActor('peer'), id);
    expect(peer.entries).toEqual([]);
  });

  it('refuses a role without participant:read', async () => {
    const { id } = await person();
    await expectAppError(timelineFor(await makeActor('admin'), id), 'forbidden');
  });
});
