'use client';

import { useRef, type KeyboardEvent } from 'react';
import './visits.css';
import type { ServiceOption } from '@/lib/services/schema.ts';
import { ParticipantPicker } from './participant-picker.tsx';
import type { Chosen, Notice } from './quick-log-state.ts';
import { ServiceToggles } from './service-toggles.tsx';
import { useQuickLog } from './use-quick-log.ts';

type Props = { services: ServiceOption[]; initialKey: string };

const TYPING_INPUTS = new Set(['text', 'number', 'search', 'datetime-local', 'email', 'password']);

/** Whether a key press lands in a box that takes typing (where 1–9 are digits, not toggles). */
function isTyping(target: EventTarget): boolean {
  if (target instanceof HTMLInputElement) return TYPING_INPUTS.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The front desk's quick log, keyboard first: type part of an alias or code, Enter picks the
 * first match, 1–9 tick the first nine services, Enter saves. A returning person's visit with two
 * services is four keystrokes after the search text.
 */
export function QuickLog({ services, initialKey }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const log = useQuickLog(initialKey, () => formRef.current);
  const { draft, errors, query } = log.panel;

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target as HTMLElement;
    if (/^[1-9]$/.test(e.key) && !isTyping(target)) {
      const service = services[Number(e.key) - 1];
      if (!service) return;
      e.preventDefault();
      log.toggle(service.id);
    } else if (e.key === 'Enter' && !['BUTTON', 'A'].includes(target.tagName)) {
      e.preventDefault();
      log.save();
    }
  };

  return (
    <section className="card quick-log" aria-labelledby="quick-log-heading">
      <h2 id="quick-log-heading">Log a visit</h2>
      <form ref={formRef} noValidate onKeyDown={onKeyDown} onSubmit={(e) => { e.preventDefault(); log.save(); }}>
        <input type="hidden" name="idempotencyKey" value={draft.key} />
        <input type="hidden" name="participantId" value={participantValue(draft.chosen)} />
        {errors.form && <p className="form-error" role="alert">{errors.form}</p>}
        <div className="row quick-log-picker-row">
          <ParticipantPicker query={query} onQuery={log.setQuery} onChoose={log.choose} onEnterWhenClosed={log.save} error={errors.participantId} />
          <button type="button" className="button secondary" onClick={() => log.choose({ kind: 'anonymous' })}>Anonymous visit</button>
        </div>
        {draft.chosen && <ChosenLine chosen={draft.chosen} onChange={log.clearChosen} />}
        <ServiceToggles id="quick-log-services" services={services} ticked={draft.ticked} onToggle={log.toggle}
          onQuantity={log.setQuantity} errors={errors} numberKeys />
        <WhenAndSave value={draft.visitedAt} onChange={log.setVisitedAt} error={errors.visitedAt} />
      </form>
      <Notices notices={log.notices} onRestore={log.restore} />
    </section>
  );
}

function participantValue(chosen: Chosen | null): string {
  if (!chosen) return '';
  return chosen.kind === 'anonymous' ? 'anonymous' : chosen.id;
}

function ChosenLine({ chosen, onChange }: { chosen: Chosen; onChange: () => void }) {
  return (
    <p className="quick-log-chosen">
      {chosen.kind === 'anonymous' ? <strong>Anonymous visit</strong> : <>Visit for <strong>{chosen.alias}</strong> <span className="desk-code">{chosen.code}</span></>}
      {' '}<button type="button" className="button small secondary" onClick={onChange}>Change</button>
    </p>
  );
}

/** When (empty: now), and the save button. */
function WhenAndSave({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <div className="row">
      <div className="field">
        <label htmlFor="quick-log-time">Earlier time</label>
        <input id="quick-log-time" type="datetime-local" name="visitedAt" value={value} onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined} aria-describedby={error ? 'quick-log-time-hint quick-log-time-error' : 'quick-log-time-hint'} />
        <span id="quick-log-time-hint" className="hint">Leave empty for now.</span>
        {error && <span id="quick-log-time-error" className="field-error">{error}</span>}
      </div>
      <button type="submit" className="button save-visit">Save visit <kbd aria-hidden="true">Enter</kbd></button>
    </div>
  );
}

/** The last few saves: on their way, saved, or refused (with a way back into the panel). */
function Notices({ notices, onRestore }: { notices: Notice[]; onRestore: (n: Notice) => void }) {
  return (
    <div role="status" className="quick-log-notices">
      {notices.map((n) => (
        <p key={n.key} className={n.tone === 'error' ? 'form-error' : n.tone === 'ok' ? 'form-ok' : 'muted'}>
          {n.text}
          {n.draft && <> <button type="button" className="button small secondary" onClick={() => onRestore(n)}>Back to this visit</button></>}
        </p>
      ))}
    </div>
  );
}
