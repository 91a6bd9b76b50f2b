'use client';

import { useRef, useState, type KeyboardEvent } from 'react';
import './visits.css';
import type { ServiceOption } from '@/lib/services/schema.ts';
import { ParticipantPicker } from './participant-picker.tsx';
import { serviceIndexForKey, stepQuantity, type Chosen, type Notice } from './quick-log-state.ts';
import { SameDay } from './same-day-choice.tsx';
import { ServiceToggles, toggleId } from './service-toggles.tsx';
import { useQuickLog } from './use-quick-log.ts';

/** `mayAddPerson`: the role may add a participant (offered when a search finds nobody). */
type Props = { services: ServiceOption[]; initialKey: string; mayAddPerson: boolean };

const TYPING_INPUTS = new Set(['text', 'number', 'search', 'datetime-local', 'email', 'password']);

/** Whether a key press lands in a box that takes typing (where 1–9 are digits, not toggles). */
function isTyping(target: EventTarget): boolean {
  if (target instanceof HTMLInputElement) return TYPING_INPUTS.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * The front desk's quick log, keyboard first: type part of an alias or code, Enter picks the
 * first match, the key shown on each service or supply ticks it (and moves focus there, so Tab
 * reaches a supply's quantity), + and − change the last supply's quantity, Enter saves. A
 * returning person's visit with two services is four keystrokes after the search text; a person
 * already in today is asked (Enter adds to that visit, N saves a new one).
 */
export function QuickLog({ services, initialKey, mayAddPerson }: Props) {
  const formRef = useRef<HTMLFormElement>(null);
  const log = useQuickLog(initialKey, () => formRef.current);
  const { draft, errors, query } = log.panel;
  const [announcement, setAnnouncement] = useState('');

  /** The supply + and − change: the one focus is on, else the last one ticked. */
  const supplyFor = (target: HTMLElement): ServiceOption | undefined => {
    const own = target.closest<HTMLElement>('[data-service-id]')?.dataset.serviceId;
    const ids = [own, ...Object.keys(draft.ticked).reverse()];
    return ids.map((id) => services.find((s) => s.id === id)).find((s) => s?.kind === 'supply' && s.id in draft.ticked);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLFormElement>) => {
    if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
    const target = e.target as HTMLElement;
    const typing = isTyping(target);
    const index = typing ? -1 : serviceIndexForKey(e.key);
    if (index >= 0 && services[index]) {
      e.preventDefault();
      log.toggle(services[index].id);
      log.focus(toggleId('quick-log-services', index, services[index].id));
    } else if ((e.key === '+' || e.key === '-') && (!typing || target.id.startsWith('qty-'))) {
      const supply = supplyFor(target);
      if (!supply) return;
      e.preventDefault();
      const step = e.key === '+' ? 1 : -1;
      log.stepQuantity(supply.id, step);
      setAnnouncement(`${supply.name}: ${stepQuantity(draft.ticked[supply.id], step)}${supply.unit ? ` ${supply.unit}` : ''}`);
    } else if ((e.key === 'n' || e.key === 'N') && !typing && draft.today && draft.chosen?.kind === 'person') {
      e.preventDefault();
      log.save('new');
    } else if (e.key === 'Enter' && !['BUTTON', 'A'].includes(target.tagName)) {
      e.preventDefault();
      log.save();
    }
  };

  return (
    <section className="card quick-log" aria-labelledby="quick-log-heading">
      <h2 id="quick-log-heading">Log a visit</h2>
      <p id="quick-log-keys" className="hint quick-log-keys">
        Keys: the one shown on a service or supply ticks it · <kbd>+</kbd> <kbd>−</kbd> change the last supply’s quantity (<kbd>Tab</kbd> to type it) ·{' '}
        <kbd>Enter</kbd> saves.
      </p>
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
      <form
        ref={formRef}
        noValidate
        // Whether the server has said if the person chosen is already in today ("checking" until it
        // answers). Its answer redraws the panel; tests that alter the form's markup wait for it.
        data-same-day={draft.chosen?.kind === 'person' ? (draft.today === undefined ? 'checking' : 'known') : undefined}
        onKeyDown={onKeyDown}
        onSubmit={(e) => {
          e.preventDefault();
          log.save();
        }}
      >
        <input type="hidden" name="idempotencyKey" value={draft.key} />
        <input type="hidden" name="participantId" value={participantValue(draft.chosen)} />
        {errors.form && (
          <p className="form-error" role="alert">
            {errors.form}
          </p>
        )}
        <div className="row quick-log-picker-row">
          <ParticipantPicker
            query={query}
            onQuery={log.setQuery}
            onChoose={log.choose}
            onEnterWhenClosed={() => log.save()}
            error={errors.participantId}
            mayAddPerson={mayAddPerson}
          />
          <button type="button" className="button secondary" onClick={() => log.choose({ kind: 'anonymous' })}>
            Anonymous visit
          </button>
        </div>
        {draft.chosen && <ChosenLine chosen={draft.chosen} onChange={log.clearChosen} />}
        {draft.chosen?.kind === 'person' && (draft.today || errors.sameDay) && (
          <SameDay today={draft.today ?? null} error={errors.sameDay} onChoose={log.save} />
        )}
        <ServiceToggles
          id="quick-log-services"
          services={services}
          ticked={draft.ticked}
          onToggle={log.toggle}
          onQuantity={log.setQuantity}
          errors={errors}
          numberKeys
        />
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
      {chosen.kind === 'anonymous' ? (
        <strong>Anonymous visit</strong>
      ) : (
        <>
          Visit for <strong>{chosen.alias}</strong> <span className="desk-code">{chosen.code}</span>
        </>
      )}{' '}
      <button type="button" className="button small secondary" onClick={onChange}>
        Change
      </button>
    </p>
  );
}

/** When (empty: now), and the save button. */
function WhenAndSave({ value, onChange, error }: { value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <div className="row">
      <div className="field">
        <label htmlFor="quick-log-time">Earlier time</label>
        <input
          id="quick-log-time"
          type="datetime-local"
          name="visitedAt"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'quick-log-time-hint quick-log-time-error' : 'quick-log-time-hint'}
        />
        <span id="quick-log-time-hint" className="hint">
          Leave empty for now.
        </span>
        {error && (
          <span id="quick-log-time-error" className="field-error">
            {error}
          </span>
        )}
      </div>
      <button type="submit" className="button save-visit">
        Save visit <kbd aria-hidden="true">Enter</kbd>
      </button>
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
          {n.draft && (
            <>
              {' '}
              <button type="button" className="button small secondary" onClick={() => onRestore(n)}>
                Back to this visit
              </button>
            </>
          )}
        </p>
      ))}
    </div>
  );
}
