'use client';

import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table.tsx';
import { dataColumnHelper } from '@/components/data-table/columns.ts';
import { FilterDate, FilterSelect } from '@/components/data-table/filter-select.tsx';
import { ROLE_LABELS } from '@/lib/auth/permissions.ts';
import { AUDIT_TABLE, OUTCOME_OPTIONS } from '@/lib/audit/schema.ts';
import { actionLabel, entityLabel } from '@/lib/audit/labels.ts';
import type { AuditFilterOptions, AuditRow } from '@/lib/audit/queries.ts';
import type { TableView } from '@/lib/table/params.ts';

const col = dataColumnHelper<AuditRow>();

const OUTCOME_LABEL: Record<string, string> = Object.fromEntries(OUTCOME_OPTIONS.map((o) => [o.value, o.label]));

const columns = col.columns([
  col.accessor('at', { id: 'at', header: 'Time', cell: (c) => <time dateTime={c.getValue()}>{c.row.original.atText}</time> }),
  col.display({ id: 'who', header: 'Who', cell: (c) => <Who row={c.row.original} /> }),
  col.accessor('action', { id: 'action', header: 'Action', cell: (c) => actionLabel(c.getValue()) }),
  col.accessor('outcome', { id: 'outcome', header: 'Outcome', cell: (c) => <span className="badge">{OUTCOME_LABEL[c.getValue()] ?? c.getValue()}</span> }),
  col.display({ id: 'entity', header: 'Record', cell: (c) => <Entity row={c.row.original} /> }),
  col.display({ id: 'details', header: 'Details', cell: (c) => <Details pairs={c.row.original.details} /> }),
]);

function Who({ row }: { row: AuditRow }) {
  if (!row.actorName) return <span className="muted">Nobody signed in</span>;
  return (
    <>
      {row.actorName}
      {row.actorRole && <span className="muted"> ({ROLE_LABELS[row.actorRole]})</span>}
    </>
  );
}

function Entity({ row }: { row: AuditRow }) {
  if (!row.entityType) return null;
  if (row.entityType === 'staff_user' && row.entityId) return <Link href={`/staff/${row.entityId}`}>Staff account</Link>;
  // The id stays beside the plain words: it is what "Record id" searches for and what an export keeps.
  return (
    <>
      {entityLabel(row.entityType)} <code className="muted">{row.entityId}</code>
    </>
  );
}

function Details({ pairs }: { pairs: [string, string][] }) {
  if (pairs.length === 0) return null;
  return (
    <>
      {pairs.map(([k, v]) => (
        <div key={k}>
          {k}: {v}
        </div>
      ))}
    </>
  );
}

type Props = { rows: AuditRow[]; total: number; view: TableView; options: AuditFilterOptions };

/** The audit log: newest first, filtered by who, what, record type, outcome and Vancouver dates. */
export function AuditTable({ rows, total, view, options }: Props) {
  const f = view.filters;
  return (
    <DataTable
      caption="Audit events"
      columns={columns}
      rows={rows}
      total={total}
      view={view}
      spec={AUDIT_TABLE}
      searchLabel="Record id"
      emptyMessage="No events match these filters."
      filters={
        <>
          <FilterSelect label="Staff member" name="actor" value={f.actor} anyLabel="Anyone" options={options.staff} />
          <FilterSelect
            label="Action"
            name="action"
            value={f.action}
            anyLabel="All actions"
            options={options.actions.map((a) => ({ value: a, label: actionLabel(a) })).sort((a, b) => a.label.localeCompare(b.label))}
          />
          <FilterSelect
            label="Record type"
            name="entity"
            value={f.entity}
            anyLabel="All types"
            options={options.entityTypes.map((t) => ({ value: t, label: entityLabel(t) })).sort((a, b) => a.label.localeCompare(b.label))}
          />
          <FilterSelect label="Outcome" name="outcome" value={f.outcome} anyLabel="Any outcome" options={OUTCOME_OPTIONS} />
          <FilterDate label="From" name="from" value={f.from} />
          <FilterDate label="To" name="to" value={f.to} />
        </>
      }
    />
  );
}
