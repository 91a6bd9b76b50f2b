import { newIdempotencyKey } from '@/components/ui/idempotency-key.ts';
import type { TodayVisit } from '@/lib/visits/queries.ts';
import { QUANTITY_MAX } from '@/lib/visits/schema.ts';
import { SERVICE_KEYS } from '@/lib/services/schema.ts';

// The quick-log panel's state, apart from its rendering so both stay short.

export type Chosen = { kind: 'person'; id: string; alias: string; code: string } | { kind: 'anonymous' };

/**
 * One visit being entered: who, what (service id → quantity as typed), when, and its idempotency
 * key; `today` is the person's visit already logged today (null: none; undefined: not known yet).
 */
export type Draft = { key: string; chosen: Chosen | null; ticked: Record<string, string>; visitedAt: string; today?: TodayVisit | null };

export type Panel = { draft: Draft; query: string; errors: Record<string, string> };

/** The outcome of one save, shown under the panel; a failed one can be put back in the panel. */
export type Notice = { key: string; tone: 'pending' | 'ok' | 'error'; text: string; draft?: Draft; errors?: Record<string, string> };

/** A fresh panel, with a new key: a double submit of the same entry carries the same one. */
export function freshPanel(key = newIdempotencyKey()): Panel {
  return { draft: { key, chosen: null, ticked: {}, visitedAt: '' }, query: '', errors: {} };
}

/** Nothing typed or chosen yet: safe to put a refused entry back without losing anyone's work. */
export function isPristine(panel: Panel): boolean {
  const { chosen, ticked, visitedAt } = panel.draft;
  return !chosen && !panel.query.trim() && !visitedAt && Object.keys(ticked).length === 0;
}

export function pendingMessage(chosen: Chosen): string {
  return chosen.kind === 'anonymous' ? 'Saving an anonymous visit…' : `Saving the visit for ${chosen.alias} (${chosen.code})…`;
}

export function notSavedMessage(chosen: Chosen, reason: string): string {
  const what = chosen.kind === 'anonymous' ? 'The anonymous visit' : `The visit for ${chosen.alias} (${chosen.code})`;
  // "Not saved — the database did not answer; try again." would say "not saved" twice.
  const why = reason.replace(/^Not saved — (.)/, (_m, first: string) => first.toUpperCase());
  return `${what} was not saved. ${why}`;
}

export function savedMessage(chosen: Chosen, addedAt?: string): string {
  if (chosen.kind === 'anonymous') return 'Anonymous visit saved.';
  return addedAt ? `Added to the visit at ${addedAt} for ${chosen.alias} (${chosen.code}).` : `Visit saved for ${chosen.alias} (${chosen.code}).`;
}

/** The index of the service a key press ticks, or -1 (letters in either case). */
export function serviceIndexForKey(key: string): number {
  return key.length === 1 ? SERVICE_KEYS.indexOf(key.toUpperCase()) : -1;
}

/** A supply's quantity one up or down from what is typed, kept within 1 and the most a visit records. */
export function stepQuantity(typed: string | undefined, step: 1 | -1): string {
  const current = Number.parseInt(typed ?? '', 10);
  const next = (Number.isFinite(current) ? current : step === 1 ? 0 : 2) + step;
  return String(Math.min(QUANTITY_MAX, Math.max(1, next)));
}

/** Ticks or unticks a service; a supply starts at one. */
export function toggle(ticked: Record<string, string>, id: string): Record<string, string> {
  if (id in ticked) {
    const { [id]: _removed, ...rest } = ticked;
    return rest;
  }
  return { ...ticked, [id]: '1' };
}

/** The element to move focus to for the first field error (ids used by the panel's inputs). */
export function focusTargetFor(errors: Record<string, string>): string {
  const field = Object.keys(errors)[0];
  if (!field || field === 'participantId' || field === 'form') return 'quick-log-search';
  if (field.startsWith('quantity.')) return `qty-${field.slice('quantity.'.length)}`;
  if (field === 'visitedAt') return 'quick-log-time';
  if (field === 'sameDay') return 'quick-log-same-day';
  return 'quick-log-services';
}

export function newNotice(notices: Notice[], notice: Notice): Notice[] {
  return [notice, ...notices.filter((n) => n.key !== notice.key)].slice(0, 3);
}
