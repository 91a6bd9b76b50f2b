'use client';

import type { Sealed } from '@/lib/outreach/seal.ts';

// Sends one outreach entry to the server. Tells apart what to try again later (no connection, the
// session ended, the server failing) from a refusal to show beside the entry (bad input, voided
// since), so nothing is ever dropped quietly.

export type OutreachEntry = { type: 'shift.start' | 'shift.end' | 'contact.add' | 'contact.void'; payload: Record<string, unknown> };

export type SendResult = { ok: true; duplicate: boolean } | { ok: false; retry: boolean; message: string; field: string | null };

const NO_CONNECTION = 'No connection. It will be sent when the connection returns.';

/** Posts an entry sealed on this phone (the queue's way) or, for tests and tools, a plain one. */
export async function sendEntry(body: OutreachEntry | { sealed: Sealed }): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch('/api/outreach/entries', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    return { ok: false, retry: true, message: NO_CONNECTION, field: null };
  }
  const answer = (await response.json().catch(() => null)) as { ok?: boolean; duplicate?: boolean; message?: string; field?: string | null } | null;
  if (response.ok && answer?.ok) return { ok: true, duplicate: !!answer.duplicate };
  // Signed out or locked, the server failing, or an answer that is not ours (a captive portal):
  // keep the entry and send it later.
  const retry = response.status === 401 || response.status >= 500 || !answer;
  return { ok: false, retry, message: answer?.message ?? 'Something went wrong. Try again.', field: answer?.field ?? null };
}

/** A new id for an entry, made on the phone. */
export function newEntryId(): string {
  return crypto.randomUUID();
}
