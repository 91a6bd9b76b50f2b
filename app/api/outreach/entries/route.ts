import { can } from '@/lib/auth/permissions.ts';
import { auditRefusal, getActor } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { applyEntry } from '@/lib/outreach/wire.ts';
import { openSealed } from '@/lib/outreach/outbox-key.ts';

export const dynamic = 'force-dynamic';

// Where the phone sends outreach entries, one per request, from a form or from its offline queue.
// A refusal is an answer, not a failure: 200 with ok false, the message and the field to show it
// beside, so the phone keeps the entry and shows why. 401 means "sign in again, then send", and the
// entry keeps waiting. The phone's queue posts `{ sealed }` (see lib/outreach/seal.ts), opened here.

const json = (body: unknown, status = 200) => Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

export async function POST(request: Request) {
  // A JSON body cannot be posted from another site without a preflight, and proxy.ts refuses a
  // post whose Origin is not this site's (against the Host header, so http://127.0.0.1 and
  // http://localhost each work for whoever opened them).
  const actor = await getActor();
  if (!actor) return json({ ok: false, message: 'Your session has ended. Sign in again, then send.' }, 401);
  if (!can(actor, 'outreach:log')) {
    await auditRefusal(actor, 'outreach:log');
    return json({ ok: false, message: 'This is not available to your role.' }, 403);
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return json({ ok: false, message: 'This entry could not be read. Reload the page and try again.' }, 400);
  }
  try {
    const sealed = body && typeof body === 'object' && 'sealed' in body ? (body as { sealed: unknown }).sealed : undefined;
    const entry = sealed === undefined ? body : await openSealed(actor, sealed);
    return json({ ok: true, ...(await applyEntry(actor, entry)) });
  } catch (error) {
    if (error instanceof AppError) return json({ ok: false, code: error.code, message: error.userMessage, field: error.field ?? null });
    throw error;
  }
}
