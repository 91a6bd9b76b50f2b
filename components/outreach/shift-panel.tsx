'use client';

import { useState } from 'react';
import { resumeShiftAction } from '@/app/(staff)/outreach/actions.ts';
import { ConfirmStep } from '@/components/ui/confirm-step.tsx';
import { UndoNotice } from '@/components/ui/undo-notice.tsx';
import { formatLocal } from '@/lib/calendar/index.ts';
import { newEntryId, type OutreachEntry } from './send-entry.ts';
import { useOutbox } from './queue/outbox.tsx';
import type { Queued, QueueMeta, ShiftView } from './queue/rules.ts';

type Option = { id: string; name: string };
export type { ShiftView };

type Props = {
  shift: ShiftView | null;
  zones: Option[];
  platforms: Option[];
  /** An end of the shift still waiting in this phone's queue. */
  endWaiting?: Queued;
  /** The shift ended moments ago on the server, while it can be resumed. */
  resumable?: { id: string; until: string } | null;
};

/**
 * The current shift: started in two taps (street: pick a zone, Start; online: tick platforms, Start)
 * and ended in two (End shift, Yes, end it). Times are the phone's "now"; the server checks them.
 * For a while after an end, Undo resumes the shift (lib/outreach/resume.ts).
 */
export function ShiftPanel({ shift, zones, platforms, endWaiting, resumable }: Props) {
  return (
    <section className="card outreach-shift" aria-labelledby="shift-heading">
      <h2 id="shift-heading">{shift ? 'On shift' : 'Start a shift'}</h2>
      {!shift && <UndoEnd endWaiting={endWaiting} resumable={resumable} />}
      {shift ? <CurrentShift shift={shift} /> : <StartShift zones={zones} platforms={platforms} />}
    </section>
  );
}

/**
 * "Shift ended. Undo". An end still on this phone is simply taken back out of the queue, so this
 * works with no signal; an end the server holds is resumed online only (offered only when online).
 */
function UndoEnd({ endWaiting, resumable }: Pick<Props, 'endWaiting' | 'resumable'>) {
  const { online, discard } = useOutbox();
  if (endWaiting) {
    return (
      <p role="status">
        <span>Shift ended (waiting on this phone).</span>{' '}
        <button type="button" className="button secondary small" onClick={() => void discard(endWaiting)}>
          Undo
        </button>
      </p>
    );
  }
  if (!resumable || !online) return null;
  return <UndoNotice message="Shift ended." action={resumeShiftAction} fields={{ shiftId: resumable.id }} until={resumable.until} />;
}

/** Entries go through the phone's queue: stored now when there is a connection, else waiting. */
function useSend() {
  const { submit } = useOutbox();
  const [error, setError] = useState<{ message: string; field: string | null } | null>(null);
  const [busy, setBusy] = useState(false);
  const send = async (entry: OutreachEntry & { id: string }, meta: QueueMeta) => {
    setBusy(true);
    const result = await submit(entry, meta);
    setBusy(false);
    if (result.ok) setError(null);
    else setError(result);
    return result.ok;
  };
  return { error, busy, send };
}

function StartShift({ zones, platforms }: { zones: Option[]; platforms: Option[] }) {
  const [mode, setMode] = useState<'street' | 'online'>('street');
  const [zoneId, setZoneId] = useState(zones[0]?.id ?? '');
  const [picked, setPicked] = useState<string[]>([]);
  const { error, busy, send } = useSend();
  const start = () => {
    const id = newEntryId();
    const now = new Date();
    const where =
      mode === 'street'
        ? (zones.find((z) => z.id === zoneId)?.name ?? '')
        : `Online: ${platforms
            .filter((p) => picked.includes(p.id))
            .map((p) => p.name)
            .sort()
            .join(', ')}`;
    // The phone's time is the start: sent later from the queue, the shift still began now.
    const payload = mode === 'street' ? { id, mode, zoneId, startedAt: now.toISOString() } : { id, mode, platformIds: picked, startedAt: now.toISOString() };
    return send({ id, type: 'shift.start', payload }, { shiftId: id, where, since: formatLocal(now, 'HH:mm') });
  };
  const fieldError = (field: string) => (error?.field === field ? error.message : undefined);
  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void start();
      }}
    >
      <fieldset className="outreach-choice">
        <legend>Where</legend>
        <label>
          <input type="radio" name="mode" value="street" checked={mode === 'street'} onChange={() => setMode('street')} /> Street
        </label>
        <label>
          <input type="radio" name="mode" value="online" checked={mode === 'online'} onChange={() => setMode('online')} /> Online
        </label>
      </fieldset>
      {mode === 'street' ? (
        <fieldset className="outreach-choice" aria-describedby={fieldError('zoneId') ? 'zone-error' : undefined}>
          <legend>Zone</legend>
          {zones.map((z) => (
            <label key={z.id}>
              <input type="radio" name="zoneId" value={z.id} checked={zoneId === z.id} onChange={() => setZoneId(z.id)} /> {z.name}
            </label>
          ))}
          {fieldError('zoneId') && (
            <span id="zone-error" className="field-error">
              {fieldError('zoneId')}
            </span>
          )}
        </fieldset>
      ) : (
        <fieldset className="outreach-choice" aria-describedby={fieldError('platformIds') ? 'platform-error' : undefined}>
          <legend>Platforms</legend>
          {platforms.map((p) => (
            <label key={p.id}>
              <input
                type="checkbox"
                name="platformIds"
                value={p.id}
                checked={picked.includes(p.id)}
                onChange={(e) => setPicked(e.target.checked ? [...picked, p.id] : picked.filter((x) => x !== p.id))}
              />{' '}
              {p.name}
            </label>
          ))}
          {fieldError('platformIds') && (
            <span id="platform-error" className="field-error">
              {fieldError('platformIds')}
            </span>
          )}
        </fieldset>
      )}
      {error && !['zoneId', 'platformIds'].includes(error.field ?? '') && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <button type="submit" className="button" disabled={busy}>
        Start shift
      </button>
    </form>
  );
}

function CurrentShift({ shift }: { shift: ShiftView }) {
  const { error, busy, send } = useSend();
  return (
    <>
      <p className="outreach-where">
        <strong>{shift.where}</strong>, since {shift.since}
        {shift.waiting ? ' (waiting on this phone)' : ''}
      </p>
      <p className="muted">
        {shift.staff.join(', ')} · {shift.contacts} {shift.contacts === 1 ? 'contact' : 'contacts'}, {shift.people} {shift.people === 1 ? 'person' : 'people'}
      </p>
      {error && (
        <p className="form-error" role="alert">
          {error.message}
        </p>
      )}
      <ConfirmStep
        label="End shift"
        question="End this shift?"
        confirmLabel="Yes, end it now"
        keepLabel="Keep going"
        busy={busy}
        className="button secondary"
        confirmClassName="button"
        onConfirm={() =>
          void send({ id: newEntryId(), type: 'shift.end', payload: { shiftId: shift.id, endedAt: new Date().toISOString() } }, { shiftId: shift.id })
        }
      />
    </>
  );
}
