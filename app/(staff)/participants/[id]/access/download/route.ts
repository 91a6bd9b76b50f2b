import { can } from '@/lib/auth/permissions.ts';
import { auditRefusal, getActor } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { getAccessRequest } from '@/lib/participants/access-request.ts';
import { formatDate } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

const NO_STORE = { 'Cache-Control': 'no-store', 'Content-Type': 'text/plain; charset=utf-8' };

/**
 * The access request as a JSON file, audited as an export. The file name carries only the date:
 * a code or alias in a downloads folder would say who the file is about.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const actor = await getActor();
  if (!actor) return new Response('Sign in to continue.', { status: 401, headers: NO_STORE });
  if (!can(actor, 'participant:access_request')) {
    await auditRefusal(actor, 'participant:access_request');
    return new Response('This is not available to your role.', { status: 403, headers: NO_STORE });
  }
  const { id } = await params;
  try {
    const request = await getAccessRequest(actor, id, 'export');
    const body = JSON.stringify({ format: 'lantern-access-request', version: 1, ...request }, null, 2);
    return new Response(body, {
      headers: {
        'Cache-Control': 'no-store',
        'Content-Type': 'application/json; charset=utf-8',
        'Content-Disposition': `attachment; filename="lantern-access-request-${formatDate(request.generatedAt)}.json"`,
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'not_found') return new Response(error.userMessage, { status: 404, headers: NO_STORE });
    throw error;
  }
}
