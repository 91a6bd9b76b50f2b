import { newIdempotencyKey } from '@/components/ui/idempotency-key.ts';

// The quick-log panel's state, apart from its rendering so both stay short.

export type Chosen = { kind: 'person'; id: string; alias: string; code: string } | { kind: 'anonymous' };

/** One visit being entered: who, what (service id → quantity as typed), when, and its idempotency key. */
export type Draft = { key: string; chosen: Chosen | null; ticked: Record<string, string>; visitedAt: string };

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

export function savedMessage(chosen: Chosen): string {
  return chosen.kind === 'anonymous' ? 'Anonymous visit saved.' : `Visit saved for ${chosen.alias} (${chosen.code}).`;
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
  return 'quick-log-services';
}

export function newNotice(notices: Notice[], notice: Notice): Notice[] {
  return [notice, ...notices.filter((n) => n.key !== notice.key)].slice(0, 3);
}
