'use client';

// Sends one outreach entry to the server. Tells apart what to try again later (no connection, the
// session ended) from a refusal to show beside the entry (bad input, voided since), so nothing is
// ever dropped quietly.

export type OutreachEntry = { type: 'shift.start' | 'shift.end' | 'contact.add' | 'contact.void'; payload: Record<string, unknown> };

export type SendResult =
  | { ok: true; duplicate: boolean }
  | { ok: false; retry: boolean; message: string; field: string | null };

export async function sendEntry(entry: OutreachEntry): Promise<SendResult> {
  let response: Response;
  try {
    response = await fetch('/api/outreach/entries', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(entry), credentials: 'same-origin',
    });
  } catch {
    return { ok: false, retry: true, message: 'No connection. It will be sent when the connection returns.', field: null };
  }
  const body = (await response.json().catch(() => null)) as { ok?: boolean; duplicate?: boolean; message?: string; field?: string | null } | null;
  if (response.ok && body?.ok) return { ok: true, duplicate: !!body.duplicate };
  // Signed out or locked, or the server failing: keep the entry and send it later.
  const retry = response.status === 401 || response.status >= 500;
  return { ok: false, retry, message: body?.message ?? 'Something went wrong. Try again.', field: body?.field ?? null };
}

/** A new id for an entry, made on the phone. */
export function newEntryId(): string {
  return crypto.randomUUID();
}
