'use client';

import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table.tsx';
import { dataColumnHelper } from '@/components/data-table/columns.ts';
import { FilterSelect } from '@/components/data-table/filter-select.tsx';
import { StatusBadge } from './status-badge.tsx';
import { ROLE_LABELS } from '@/lib/auth/permissions.ts';
import { ROLE_OPTIONS, STAFF_TABLE, STATUS_OPTIONS } from '@/lib/staff/schema.ts';
import type { StaffRow } from '@/lib/staff/queries.ts';
import type { TableView } from '@/lib/table/params.ts';

const col = dataColumnHelper<StaffRow>();

const columns = col.columns([
  col.accessor('displayName', { id: 'name', header: 'Name', cell: (c) => <Link href={`/staff/${c.row.original.id}`}>{c.getValue()}</Link> }),
  col.accessor('email', { id: 'email', header: 'Email' }),
  col.accessor('role', { id: 'role', header: 'Role', cell: (c) => ROLE_LABELS[c.getValue()] }),
  col.accessor('active', { id: 'status', header: 'Status', cell: (c) => <StatusBadge active={c.getValue()} /> }),
  col.accessor('createdAt', { id: 'created', header: 'Created', cell: (c) => c.row.original.createdOn }),
]);

/** The staff list: a DataTable with role and status filters and a name/email search. */
export function StaffTable({ rows, total, view }: { rows: StaffRow[]; total: number; view: TableView }) {
  return (
    <DataTable
      caption="Staff accounts"
      columns={columns}
      rows={rows}
      total={total}
      view={view}
      spec={STAFF_TABLE}
      searchLabel="Name or email"
      emptyMessage="No account matches these filters."
      filters={
        <>
          <FilterSelect label="Role" name="role" value={view.filters.role} anyLabel="All roles" options={ROLE_OPTIONS} />
          <FilterSelect label="Status" name="status" value={view.filters.status} anyLabel="Active and deactivated" options={STATUS_OPTIONS} />
        </>
      }
    />
  );
}
