import { checkDatabase } from '@/lib/db/health.ts';

export const dynamic = 'force-dynamic';

/** Public liveness check: 200 when PostgreSQL answers, 503 otherwise. Says nothing else. */
export async function GET() {
  const ok = await checkDatabase();
  return Response.json({ status: ok ? 'ok' : 'unavailable' }, { status: ok ? 200 : 503, headers: { 'Cache-Control': 'no-store' } });
}
