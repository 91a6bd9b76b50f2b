'use client';

import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table.tsx';
import { dataColumnHelper } from '@/components/data-table/columns.ts';
import { FilterSelect } from '@/components/data-table/filter-select.tsx';
import type { SessionRow } from '@/lib/programs/queries.ts';
import { SESSIONS_TABLE, STATUS_LABEL, STATUS_OPTIONS } from '@/lib/programs/table.ts';
import type { TableView } from '@/lib/table/params.ts';

const col = dataColumnHelper<SessionRow>();

const columns = col.columns([
  col.accessor('startsAt', {
    id: 'startsAt',
    header: 'When',
    meta: { className: 'nowrap' },
    cell: (c) => (
      <Link href={`/programs/sessions/${c.row.original.id}`}>
        <time dateTime={c.getValue()}>{c.row.original.startsAtText}</time>
      </Link>
    ),
  }),
  col.accessor('status', {
    id: 'status',
    header: 'Status',
    enableSorting: false,
    cell: (c) => <Status row={c.row.original} />,
  }),
  col.accessor('named', { id: 'named', header: 'Named', enableSorting: false }),
  col.accessor('anonymous', { id: 'anonymous', header: 'Anonymous', enableSorting: false }),
  col.accessor('total', { id: 'total', header: 'Total', enableSorting: false, cell: (c) => <strong>{c.getValue()}</strong> }),
]);

function Status({ row }: { row: SessionRow }) {
  return (
    <>
      <span className="badge">{STATUS_LABEL[row.status]}</span>
      {row.oneOff && <span className="muted"> (one-off)</span>}
      {row.cancelReason && <span className="muted"> — {row.cancelReason}</span>}
    </>
  );
}

/** A program's sessions with their counts, newest first, paged by PostgreSQL. */
export function SessionsTable({ rows, total, view }: { rows: SessionRow[]; total: number; view: TableView }) {
  return (
    <DataTable
      caption="Sessions"
      columns={columns}
      rows={rows}
      total={total}
      view={view}
      spec={SESSIONS_TABLE}
      emptyMessage="No sessions match."
      filters={<FilterSelect label="Status" name="status" value={view.filters.status} anyLabel="All sessions" options={STATUS_OPTIONS} />}
    />
  );
}
