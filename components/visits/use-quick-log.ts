'use client';

import { useEffect, useRef, useState, type Dispatch, type SetStateAction } from 'react';
import { logVisitAction, todayVisitAction } from '@/app/(staff)/visits/actions.ts';
import type { TodayVisit } from '@/lib/visits/queries.ts';
import type { ActionState } from '@/lib/action.ts';
import { PARTICIPANT_MISSING } from '@/lib/visits/schema.ts';
import {
  focusTargetFor,
  freshPanel,
  isPristine,
  newNotice,
  notSavedMessage,
  pendingMessage,
  savedMessage,
  stepQuantity,
  toggle,
  type Chosen,
  type Draft,
  type Notice,
  type Panel,
} from './quick-log-state.ts';

const CONNECTION_FAILED = 'The connection failed, so the visit was not saved. Try again.';

type SetPanel = Dispatch<SetStateAction<Panel>>;

/**
 * The quick log's behaviour. Saving never blocks the desk: the panel resets at once (with a new
 * idempotency key) while the save is on its way, and the outcome appears beneath it. A refused
 * entry comes back into the panel, with its messages, if nobody has started the next one;
 * otherwise its notice offers to put it back. Its key comes back with it, so a retry cannot log twice.
 */
export function useQuickLog(initialKey: string, form: () => HTMLFormElement | null) {
  const [panel, setPanel] = useState<Panel>(() => freshPanel(initialKey));
  const [notices, setNotices] = useState<Notice[]>([]);
  // A new object per request, so asking for the same element twice moves focus twice.
  const [focusRequest, setFocusRequest] = useState<{ id: string } | null>(null);
  const focus = (id: string) => setFocusRequest({ id });
  const latest = useRef(panel);

  // Answers arrive after later renders: they judge the panel as it is then, not as it was.
  useEffect(() => {
    latest.current = panel;
  }, [panel]);
  // Focus moves once the element it goes to is rendered (a restored quantity box, say).
  useEffect(() => {
    if (focusRequest) document.getElementById(focusRequest.id)?.focus();
  }, [focusRequest]);

  const settle = (draft: Draft, state: ActionState) => {
    const chosen = draft.chosen!;
    if (state?.ok) {
      const addedAt = state.data?.added === 'true' ? draft.today?.time : undefined;
      return setNotices((n) => newNotice(n, { key: draft.key, tone: 'ok', text: savedMessage(chosen, addedAt) }));
    }
    const errors = { ...(state?.fieldErrors ?? {}), ...(state?.formError ? { form: state.formError } : {}) };
    const text = notSavedMessage(chosen, Object.values(errors)[0] ?? CONNECTION_FAILED);
    const restore = isPristine(latest.current);
    if (restore) {
      setPanel({ draft, query: '', errors });
      focus(focusTargetFor(errors));
      // Asked "already in today?" by the server: fetch that visit so the choice can be made.
      if ('sameDay' in errors) lookUpToday(setPanel, chosen);
    }
    setNotices((n) => newNotice(n, { key: draft.key, tone: 'error', text, ...(restore ? {} : { draft, errors }) }));
  };

  /** Saves the entry; for a person already in today, `choice` (or the default: add to that visit when allowed). */
  const save = (choice?: 'add' | 'new') => {
    const { draft } = panel;
    const element = form();
    focus('quick-log-search');
    if (!draft.chosen || !element) {
      // A second click or Enter on a panel just reset is not an error; a half-filled one is.
      if (!isPristine(panel)) setPanel((p) => ({ ...p, errors: { participantId: PARTICIPANT_MISSING } }));
      return;
    }
    const data = new FormData(element);
    if (draft.chosen.kind === 'person' && draft.today) {
      const chose = choice ?? (draft.today.mayAdd ? 'add' : 'new');
      data.set('sameDay', chose);
      if (chose === 'add') data.set('addToVisitId', draft.today.visitId);
    }
    setNotices((n) => newNotice(n, { key: draft.key, tone: 'pending', text: pendingMessage(draft.chosen!) }));
    setPanel(freshPanel());
    logVisitAction(null, data).then(
      (state) => settle(draft, state),
      () => settle(draft, { ok: false, formError: CONNECTION_FAILED }),
    );
  };

  /** Puts a refused entry back in the panel (replacing what is there), with its messages. */
  const restore = (notice: Notice) => {
    if (!notice.draft) return;
    setPanel({ draft: notice.draft, query: '', errors: notice.errors ?? {} });
    setNotices((n) => n.filter((x) => x.key !== notice.key));
    focus(focusTargetFor(notice.errors ?? {}));
    if (notice.draft.chosen) lookUpToday(setPanel, notice.draft.chosen);
  };

  return { panel, notices, save, restore, focus, ...editing(setPanel, focus) };
}

/**
 * Asks whether the person chosen already has a visit today; the answer joins the draft if they
 * are still the one chosen. No answer (a dropped connection) leaves it unknown: the server asks.
 */
function lookUpToday(setPanel: SetPanel, chosen: Chosen): void {
  if (chosen.kind !== 'person') return;
  const form = new FormData();
  form.set('participantId', chosen.id);
  todayVisitAction(null, form).then(
    (state) => {
      if (!state?.ok || state.data?.visit === undefined) return;
      const today = JSON.parse(state.data.visit) as TodayVisit | null;
      setPanel((p) => (p.draft.chosen?.kind === 'person' && p.draft.chosen.id === chosen.id ? { ...p, draft: { ...p.draft, today } } : p));
    },
    () => undefined,
  );
}

/** Changes to the entry being typed. */
function editing(setPanel: SetPanel, focus: (id: string) => void) {
  const draft = (change: (d: Draft) => Partial<Draft>) => setPanel((p) => ({ ...p, draft: { ...p.draft, ...change(p.draft) } }));
  return {
    setQuery: (query: string) => setPanel((p) => ({ ...p, query })),
    choose: (chosen: Chosen) => {
      setPanel((p) => ({ ...p, query: '', errors: {}, draft: { ...p.draft, chosen, today: undefined } }));
      focus('quick-log-services-first');
      lookUpToday(setPanel, chosen);
    },
    clearChosen: () => {
      draft(() => ({ chosen: null, today: undefined }));
      focus('quick-log-search');
    },
    toggle: (id: string) => draft((d) => ({ ticked: toggle(d.ticked, id) })),
    setQuantity: (id: string, value: string) => draft((d) => ({ ticked: { ...d.ticked, [id]: value } })),
    stepQuantity: (id: string, step: 1 | -1) => draft((d) => (id in d.ticked ? { ticked: { ...d.ticked, [id]: stepQuantity(d.ticked[id], step) } } : {})),
    setVisitedAt: (visitedAt: string) => draft(() => ({ visitedAt })),
  };
}
