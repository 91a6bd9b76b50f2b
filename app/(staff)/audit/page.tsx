import { requirePermission } from '@/lib/auth/session.ts';
import { auditFilterOptions, listAuditEvents } from '@/lib/audit/queries.ts';
import { AUDIT_TABLE } from '@/lib/audit/schema.ts';
import { parseTableParams, toView } from '@/lib/table/params.ts';
import { AuditTable } from '@/components/audit/audit-table.tsx';
import { ChainStatus } from '@/components/audit/chain-status.tsx';
import { latestVerification } from '@/lib/audit/verification.ts';
import { zoneLabel } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function AuditPage({ searchParams }: Props) {
  const actor = await requirePermission('audit:read');
  const params = parseTableParams(AUDIT_TABLE, await searchParams);
  const [{ rows, total, page }, options, latest] = await Promise.all([listAuditEvents(actor, params), auditFilterOptions(actor), latestVerification(actor)]);
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">Who did what, and when. Times are {zoneLabel()}. Looking at this page is not itself recorded.</p>
      <ChainStatus latest={latest} />
      <AuditTable rows={rows} total={total} view={toView(params, page)} options={options} />
    </>
  );
}
