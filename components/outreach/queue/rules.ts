import type { Sealed } from '@/lib/outreach/seal.ts';
import type { SendResult } from '../send-entry.ts';

// The queue's pure logic, apart from IndexedDB and React so that it can be unit tested: what one
// waiting entry looks like, the order of sending, and the shift the page shows while entries wait.

export type EntryType = 'shift.start' | 'shift.end' | 'contact.add' | 'contact.void';

/** Non-personal facts kept in clear beside the sealed entry, so the page can show what waits. */
export type QueueMeta = { shiftId?: string; where?: string; since?: string; people?: number };

export type Queued = {
  seq?: number;
  id: string;
  type: EntryType;
  madeAt: string;
  sealed: Sealed;
  meta: QueueMeta;
  state: 'waiting' | 'refused';
  message?: string;
  field?: string | null;
};

export type FlushSteps = {
  send: (entry: Queued) => Promise<SendResult>;
  stored: (entry: Queued) => Promise<void>;
  refused: (entry: Queued, message: string, field: string | null) => Promise<void>;
};

/**
 * Sends waiting entries oldest first, one at a time: the next only after the previous was stored or
 * refused. A refusal is kept beside its entry and the rest go on; no connection, a signed-out
 * session or a failing server stops the run and keeps everything from there on waiting.
 * Returns how many were stored and whether the run reached the end.
 */
export async function flushQueue(entries: readonly Queued[], steps: FlushSteps): Promise<{ stored: number; finished: boolean }> {
  let stored = 0;
  for (const entry of inOrder(entries)) {
    if (entry.state !== 'waiting') continue;
    const result = await steps.send(entry);
    if (result.ok) {
      await steps.stored(entry);
      stored += 1;
    } else if (result.retry) {
      return { stored, finished: false };
    } else {
      await steps.refused(entry, result.message, result.field);
    }
  }
  return { stored, finished: true };
}

export function inOrder(entries: readonly Queued[]): Queued[] {
  return [...entries].sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
}

export type ShiftView = { id: string; where: string; since: string; staff: string[]; contacts: number; people: number; waiting?: boolean };

/**
 * The shift the page shows: the server's, unless an end for it waits in the queue; or one started on
 * this phone and not yet stored (its id was made here, so contacts can already name it).
 */
export function effectiveShift(server: ShiftView | null, entries: readonly Queued[], me: string): ShiftView | null {
  const live = entries.filter((e) => e.state === 'waiting');
  const ended = new Set(live.filter((e) => e.type === 'shift.end').map((e) => e.meta.shiftId));
  const contactsOf = (shiftId: string) => live.filter((e) => e.type === 'contact.add' && e.meta.shiftId === shiftId);
  const withWaiting = (s: ShiftView): ShiftView => {
    const waiting = contactsOf(s.id);
    return { ...s, contacts: s.contacts + waiting.length, people: s.people + waiting.reduce((n, e) => n + (e.meta.people ?? 1), 0) };
  };
  if (server && !ended.has(server.id)) return withWaiting(server);
  const started = inOrder(live)
    .reverse()
    .find((e) => e.type === 'shift.start' && !ended.has(e.meta.shiftId));
  if (!started?.meta.shiftId) return null;
  return withWaiting({
    id: started.meta.shiftId,
    where: started.meta.where ?? '',
    since: started.meta.since ?? '',
    staff: [me],
    contacts: 0,
    people: 0,
    waiting: true,
  });
}

/** "offline · 3 waiting", "3 waiting", or nothing. */
export function waitingLabel(entries: readonly Queued[], online: boolean): string {
  const waiting = entries.filter((e) => e.state === 'waiting').length;
  if (!waiting) return online ? '' : 'offline';
  return `${online ? '' : 'offline · '}${waiting} waiting`;
}
