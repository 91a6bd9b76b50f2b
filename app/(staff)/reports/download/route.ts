import { Readable } from 'node:stream';
import { z } from 'zod';
import { getSessionState, auditRefusal } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { exportReport } from '@/lib/reports/export.ts';
import { parsePeriod } from '@/lib/calendar/period.ts';

export const dynamic = 'force-dynamic';

const Format = z.enum(['csv', 'xlsx']);
const plain = (status: number, text: string) =>
  new Response(text, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });

/** GET /reports/download?format=csv|xlsx&period=… — the report file, streamed. Managers (`report:export`). */
export async function GET(request: Request): Promise<Response> {
  const state = await getSessionState();
  if (state.status !== 'ok') return plain(401, 'Sign in to download reports.');
  if (!can(state.actor, 'report:export')) {
    await auditRefusal(state.actor, 'report:export');
    return plain(403, 'This is not available to your role.');
  }
  const params = Object.fromEntries(new URL(request.url).searchParams);
  const format = Format.safeParse(params.format);
  if (!format.success) return plain(400, 'Choose CSV or Excel.');
  const choice = parsePeriod(params);
  if (!choice.period) return plain(400, choice.errors.from ?? choice.errors.to!);
  const file = await exportReport(state.actor, choice.period, format.data);
  return new Response(Readable.toWeb(file.body) as ReadableStream<Uint8Array>, {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
      ...(file.size !== null ? { 'Content-Length': String(file.size) } : {}),
    },
  });
}
