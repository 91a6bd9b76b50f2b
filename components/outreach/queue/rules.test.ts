import { describe, expect, it } from 'vitest';
import type { SendResult } from '../send-entry.ts';
import { effectiveShift, flushQueue, waitingLabel, type Queued } from './rules.ts';

const sealed = { v: 1 as const, kid: 'k', epk: {}, iv: '', ct: '' };
const entry = (seq: number, type: Queued['type'], meta: Queued['meta'] = {}, state: Queued['state'] = 'waiting'): Queued => ({
  seq,
  id: `e${seq}`,
  type,
  madeAt: '2026-12-05T20:00:00Z',
  sealed,
  meta,
  state,
});

const OK: SendResult = { ok: true, duplicate: false };
const REFUSED: SendResult = { ok: false, retry: false, message: 'This time is outside the shift.', field: 'contactedAt' };
const OFFLINE: SendResult = { ok: false, retry: true, message: 'No connection.', field: null };

/** Runs a flush against scripted answers, recording what was sent, stored and refused, in order. */
async function run(entries: Queued[], answers: Record<string, SendResult>) {
  const log: string[] = [];
  const result = await flushQueue(entries, {
    send: async (e) => {
      log.push(`send ${e.id}`);
      return answers[e.id] ?? OK;
    },
    stored: async (e) => {
      log.push(`stored ${e.id}`);
    },
    refused: async (e, message) => {
      log.push(`refused ${e.id}: ${message}`);
    },
  });
  return { log, result };
}

describe('sending the queue', () => {
  it('sends oldest first, one at a time, each stored before the next is sent', async () => {
    const { log, result } = await run([entry(3, 'contact.add'), entry(1, 'shift.start'), entry(2, 'contact.add')], {});
    expect(log).toEqual(['send e1', 'stored e1', 'send e2', 'stored e2', 'send e3', 'stored e3']);
    expect(result).toEqual({ stored: 3, finished: true });
  });

  it('keeps a refusal beside its entry and goes on with the next', async () => {
    const { log, result } = await run([entry(1, 'contact.add'), entry(2, 'contact.add')], { e1: REFUSED });
    expect(log).toEqual(['send e1', 'refused e1: This time is outside the shift.', 'send e2', 'stored e2']);
    expect(result).toEqual({ stored: 1, finished: true });
  });

  it('stops at no connection (or a signed-out session) and keeps the rest waiting, unsent', async () => {
    const { log, result } = await run([entry(1, 'shift.start'), entry(2, 'contact.add'), entry(3, 'contact.add')], { e2: OFFLINE });
    expect(log).toEqual(['send e1', 'stored e1', 'send e2']);
    expect(result).toEqual({ stored: 1, finished: false });
  });

  it('does not send an entry already refused again: the worker discards it', async () => {
    const { log } = await run([entry(1, 'contact.add', {}, 'refused'), entry(2, 'contact.add')], {});
    expect(log).toEqual(['send e2', 'stored e2']);
  });
});

describe('the shift the page shows', () => {
  const server = { id: 's1', where: 'Downtown', since: '20:00', staff: ['Ana'], contacts: 2, people: 3 };

  it('is a shift started on this phone, not yet stored, with its waiting contacts', () => {
    const queue = [
      entry(1, 'shift.start', { shiftId: 's2', where: 'North Shore', since: '21:00' }),
      entry(2, 'contact.add', { shiftId: 's2', people: 4 }),
      entry(3, 'contact.add', { shiftId: 's2' }),
    ];
    expect(effectiveShift(null, queue, 'Ana')).toEqual({
      id: 's2',
      where: 'North Shore',
      since: '21:00',
      staff: ['Ana'],
      contacts: 2,
      people: 5,
      waiting: true,
    });
  });

  it('is the server’s, counting contacts that still wait for it', () => {
    expect(effectiveShift(server, [entry(1, 'contact.add', { shiftId: 's1', people: 2 })], 'Ana')).toMatchObject({ id: 's1', contacts: 3, people: 5 });
  });

  it('is none once its end waits in the queue', () => {
    expect(effectiveShift(server, [entry(1, 'shift.end', { shiftId: 's1' })], 'Ana')).toBeNull();
    const startedAndEnded = [entry(1, 'shift.start', { shiftId: 's2' }), entry(2, 'shift.end', { shiftId: 's2' })];
    expect(effectiveShift(null, startedAndEnded, 'Ana')).toBeNull();
  });

  it('ignores a refused start', () => {
    expect(effectiveShift(null, [entry(1, 'shift.start', { shiftId: 's2' }, 'refused')], 'Ana')).toBeNull();
  });
});

describe('the waiting label', () => {
  const three = [entry(1, 'shift.start'), entry(2, 'contact.add'), entry(3, 'contact.add'), entry(4, 'contact.add', {}, 'refused')];
  it('says offline and counts only what waits', () => {
    expect(waitingLabel(three, false)).toBe('offline · 3 waiting');
    expect(waitingLabel(three, true)).toBe('3 waiting');
    expect(waitingLabel([], false)).toBe('offline');
    expect(waitingLabel([], true)).toBe('');
  });
});
