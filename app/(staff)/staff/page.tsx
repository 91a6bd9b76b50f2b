import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { listStaff } from '@/lib/staff/queries.ts';
import { STAFF_TABLE } from '@/lib/staff/schema.ts';
import { parseTableParams, toView } from '@/lib/table/params.ts';
import { StaffTable } from '@/components/staff/staff-table.tsx';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function StaffPage({ searchParams }: Props) {
  const actor = await requirePermission('staff:read');
  const params = parseTableParams(STAFF_TABLE, await searchParams);
  const { rows, total, page } = await listStaff(actor, params);
  return (
    <>
      <div className="row">
        <h1>Staff accounts</h1>
        {can(actor, 'staff:manage') && (
          <Link className="button" href="/staff/new">
            Add an account
          </Link>
        )}
      </div>
      <StaffTable rows={rows} total={total} view={toView(params, page)} />
    </>
  );
}
