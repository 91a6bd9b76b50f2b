'use client';

import { useState } from 'react';
import { formatLocal } from '@/lib/calendar/index.ts';
import { useOutbox } from './outbox.tsx';
import { inOrder, waitingLabel, type EntryType, type Queued } from './rules.ts';

const WHAT: Record<EntryType, string> = { 'shift.start': 'Shift start', 'shift.end': 'Shift end', 'contact.add': 'Contact', 'contact.void': 'Void' };

/**
 * What waits on this phone: "offline · 3 waiting", a Send now button, and each entry in the order it
 * will be sent. A refused entry stays here with the server's reason until the worker discards it.
 * Shown only while something waits or the phone is offline.
 */
export function OutboxPanel() {
  const { entries, online, sending, sendNow } = useOutbox();
  if (online && entries.length === 0) return null;
  const label = waitingLabel(entries, online);
  return (
    <section className="card outreach-outbox" aria-labelledby="outbox-heading">
      <h2 id="outbox-heading">On this phone</h2>
      <p className="outreach-outbox-state" aria-live="polite">
        <strong>{label || 'Nothing waiting'}</strong>
      </p>
      {entries.some((e) => e.state === 'waiting') && (
        <button type="button" className="button" disabled={sending} onClick={() => void sendNow()}>
          {sending ? 'Sending…' : 'Send now'}
        </button>
      )}
      <ul className="outreach-outbox-list">
        {inOrder(entries).map((e) => (
          <QueuedLine key={e.seq} entry={e} />
        ))}
      </ul>
    </section>
  );
}

function QueuedLine({ entry }: { entry: Queued }) {
  const { discard } = useOutbox();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className={entry.state} data-entry={entry.id}>
      {WHAT[entry.type]}
      {entry.meta.where ? ` · ${entry.meta.where}` : ''}, made {formatLocal(new Date(entry.madeAt), 'HH:mm')}
      {entry.state === 'waiting' ? (
        <span className="muted"> · waiting</span>
      ) : (
        <>
          <span className="field-error">Not stored: {entry.message}</span>
          {confirming ? (
            <span className="row">
              <button type="button" className="button small" onClick={() => void discard(entry)}>
                Yes, discard it
              </button>
              <button type="button" className="button small secondary" onClick={() => setConfirming(false)}>
                Keep it
              </button>
            </span>
          ) : (
            <button type="button" className="button small secondary" onClick={() => setConfirming(true)}>
              Discard
            </button>
          )}
        </>
      )}
    </li>
  );
}
