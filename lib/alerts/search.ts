import 'server-only';
import type { Prisma } from '@/lib/db/generated/client.ts';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { parseOrRefuse } from '@/lib/validation.ts';
import type { AlertStatus } from './labels.ts';
import { queryTokens } from './blind-index.ts';
import { toAlertView, type AlertView } from './rules.ts';
import { SearchSchema } from './schema.ts';
import { SOURCE_SELECT, toSource } from './stored.ts';

// Search by part of a plate, part of a phone number, a handle or words of the description, on the
// blind index: the query is normalized and hashed like the stored values, never stored or logged.
// What a role searches: reviewers every report and every field; staff who take reports every
// report still open or published, on the fields an alert may show; everyone else published alerts
// only (old ones too), on those fields. Results are always the redacted alert.

export const SEARCH_LIMIT = 50;
export type SearchHit = AlertView & { status: AlertStatus | null };
export type SearchScope = 'all' | 'reports' | 'published';

export function searchScope(actor: Actor): SearchScope {
  return can(actor, 'alert:review') ? 'all' : can(actor, 'alert:report') ? 'reports' : 'published';
}

const STATUSES: Record<SearchScope, AlertStatus[]> = {
  all: ['new', 'reviewed', 'published', 'archived', 'withdrawn'],
  reports: ['new', 'reviewed', 'published'],
  published: ['published'],
};

/** Matching reports as alerts, newest first; `alert.searched` records the scope and the count only. Every staff role (`alert:read_published`). */
export async function searchAlerts(actor: Actor, input: unknown): Promise<{ hits: SearchHit[]; more: boolean }> {
  assertCan(actor, 'alert:read_published');
  const { q } = parseOrRefuse(SearchSchema, input);
  const scope = searchScope(actor);
  const readings = queryTokens(q);
  const column = scope === 'all' ? 'allTokens' : 'publicTokens';
  const where: Prisma.AlertReportWhereInput = {
    status: { in: STATUSES[scope] },
    OR: readings.length ? readings.map((t) => ({ [column]: { hasEvery: t } })) : [{ id: { in: [] } }],
  };
  return db.$transaction(async (tx) => {
    const rows = await tx.alertReport.findMany({
      where,
      select: { ...SOURCE_SELECT, status: true },
      orderBy: [{ incidentDate: 'desc' }, { createdAt: 'desc' }],
      take: SEARCH_LIMIT + 1,
    });
    const hits = rows.slice(0, SEARCH_LIMIT).map((r) => ({ ...toAlertView(toSource(r)), status: scope === 'published' ? null : r.status }));
    await recordAudit(tx, actor, 'alert.searched', { details: { scope, results: hits.length } });
    return { hits, more: rows.length > SEARCH_LIMIT };
  });
}
