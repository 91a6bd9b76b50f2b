'use client';

import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useRouter } from 'next/navigation';
import { seal } from '@/lib/outreach/seal.ts';
import { sendEntry, type OutreachEntry, type SendResult } from '../send-entry.ts';
import { flushQueue, type Queued, type QueueMeta } from './rules.ts';
import { addQueued, listQueued, putQueued, removeQueued } from './store.ts';
import { SignOutGuard } from './sign-out-guard.tsx';

// Every outreach entry the phone makes goes through here: sealed to the server's key, put in the
// queue, then the queue is sent in order. When the connection returns (the `online` event) and
// when the page opens, whatever waits is sent. A form learns what became of its own entry: stored,
// waiting (no connection), or refused (shown beside its fields, and taken back out of the queue
// because the form still holds what was typed).

export type OutboxKey = { kid: string; publicKey: JsonWebKey };
export type SubmitResult = { ok: true; waiting: boolean } | Extract<SendResult, { ok: false }>;

type Outbox = {
  entries: Queued[];
  online: boolean;
  sending: boolean;
  submit: (entry: OutreachEntry & { id: string }, meta?: QueueMeta) => Promise<SubmitResult>;
  sendNow: () => Promise<void>;
  discard: (entry: Queued) => Promise<void>;
};

const OutboxContext = createContext<Outbox | null>(null);

export function useOutbox(): Outbox {
  const outbox = useContext(OutboxContext);
  if (!outbox) throw new Error('useOutbox outside OutboxProvider');
  return outbox;
}

/** Keeps the offline copy of the page current once the server holds new entries. */
function refreshOfflineCopy() {
  if ('caches' in window)
    void caches
      .open('lantern-pages')
      .then((c) => c.add('/outreach'))
      .catch(() => undefined);
}

function subscribeOnline(changed: () => void) {
  window.addEventListener('online', changed);
  window.addEventListener('offline', changed);
  return () => {
    window.removeEventListener('online', changed);
    window.removeEventListener('offline', changed);
  };
}

export function OutboxProvider({ outboxKey, children }: { outboxKey: OutboxKey; children: ReactNode }) {
  const router = useRouter();
  const [entries, setEntries] = useState<Queued[]>([]);
  const online = useSyncExternalStore(
    subscribeOnline,
    () => navigator.onLine,
    () => true,
  );
  const [sending, setSending] = useState(false);
  const running = useRef<Promise<void> | null>(null);

  const reload = useCallback(async () => setEntries(await listQueued()), []);

  // One run at a time: a second call waits for the run under way, then runs again.
  const flush = useCallback(async () => {
    while (running.current) await running.current;
    const run = (async () => {
      setSending(true);
      const { stored } = await flushQueue(await listQueued(), {
        send: (e) => sendEntry({ sealed: e.sealed }),
        stored: (e) => removeQueued(e.seq!),
        refused: async (e, message, field) => {
          await putQueued({ ...e, state: 'refused', message, field });
        },
      });
      setSending(false);
      await reload();
      if (stored) {
        router.refresh();
        refreshOfflineCopy();
      }
    })();
    running.current = run;
    try {
      await run;
    } finally {
      running.current = null;
    }
  }, [reload, router]);

  // On opening the page and whenever the connection returns, send what waits.
  useEffect(() => {
    const back = () => void flush();
    const opening = setTimeout(back, 0);
    // Ask the browser not to clear the queue under storage pressure while entries wait.
    if (navigator.storage?.persist) void navigator.storage.persist().catch(() => undefined);
    window.addEventListener('online', back);
    return () => {
      clearTimeout(opening);
      window.removeEventListener('online', back);
    };
  }, [flush]);

  const submit = useCallback(
    async (entry: OutreachEntry & { id: string }, meta: QueueMeta = {}): Promise<SubmitResult> => {
      const sealed = await seal({ type: entry.type, payload: entry.payload }, outboxKey.publicKey, outboxKey.kid);
      const queued = await addQueued({ id: entry.id, type: entry.type, madeAt: new Date().toISOString(), sealed, meta, state: 'waiting' });
      await flush();
      const after = (await listQueued()).find((e) => e.seq === queued.seq);
      if (!after) return { ok: true, waiting: false };
      if (after.state === 'waiting') return { ok: true, waiting: true };
      await removeQueued(after.seq!);
      await reload();
      return { ok: false, retry: false, message: after.message ?? 'Refused.', field: after.field ?? null };
    },
    [flush, outboxKey, reload],
  );

  const discard = useCallback(
    async (entry: Queued) => {
      await removeQueued(entry.seq!);
      await reload();
    },
    [reload],
  );

  const value = useMemo(() => ({ entries, online, sending, submit, sendNow: flush, discard }), [entries, online, sending, submit, flush, discard]);
  return (
    <OutboxContext.Provider value={value}>
      <SignOutGuard waiting={entries.filter((e) => e.state === 'waiting').length} />
      {children}
    </OutboxContext.Provider>
  );
}
