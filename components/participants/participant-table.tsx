'use client';

import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table.tsx';
import { dataColumnHelper } from '@/components/data-table/columns.ts';
import { FilterSelect } from '@/components/data-table/filter-select.tsx';
import { searchParticipantsAction } from '@/app/(staff)/participants/actions.ts';
import { PARTICIPANT_TABLE } from '@/lib/participants/schema.ts';
import type { ParticipantRow } from '@/lib/participants/queries.ts';
import type { TableView } from '@/lib/table/params.ts';

const col = dataColumnHelper<ParticipantRow>();

// Alias and code always side by side: two people can share an alias, never a code.
const aliasColumn = col.accessor('alias', {
  id: 'alias',
  header: 'Alias',
  cell: (c) => <Link href={`/participants/${c.row.original.id}`}>{c.getValue() ?? <span className="muted">De-identified</span>}</Link>,
});
// A code never breaks at its hyphen on a narrow screen.
const codeColumn = col.accessor('code', { id: 'code', header: 'Code', cell: (c) => <span style={{ whiteSpace: 'nowrap' }}>{c.getValue()}</span> });
const lastSeenColumn = col.accessor('lastSeenOn', {
  id: 'lastSeen',
  header: 'Last seen',
  cell: (c) => <span style={{ whiteSpace: 'nowrap' }}>{c.getValue() ?? 'Not yet'}</span>,
});

const PEER_COLUMNS = col.columns([aliasColumn, codeColumn, lastSeenColumn]);
const WORKER_COLUMNS = col.columns([aliasColumn, codeColumn, lastSeenColumn, col.accessor('visitCount', { id: 'visits', header: 'Visits' })]);

const SEEN_OPTIONS = [
  { value: '30d', label: 'In the last 30 days' },
  { value: '6m', label: 'In the last 6 months' },
];
const TRAVELLING_OPTIONS = [
  { value: 'yes', label: 'Travelling workers' },
  { value: 'no', label: 'Not travelling' },
];
const RECORD_OPTIONS = [
  { value: 'deidentified', label: 'De-identified only' },
  { value: 'all', label: 'All records' },
];

type Props = { rows: ParticipantRow[]; total: number; view: TableView; details: boolean };

/**
 * The participants list. Search posts to a Server Action that keeps the text in a short-lived
 * cookie, so an alias typed here never lands in the address bar, the history or a server log.
 */
export function ParticipantTable({ rows, total, view, details }: Props) {
  return (
    <DataTable
      caption="Participants"
      columns={details ? WORKER_COLUMNS : PEER_COLUMNS}
      rows={rows}
      total={total}
      view={view}
      spec={PARTICIPANT_TABLE}
      searchLabel="Alias or code"
      searchAction={searchParticipantsAction}
      emptyMessage={view.q ? 'Nobody matches this search.' : 'Nobody matches these filters.'}
      filters={
        <>
          <FilterSelect label="Last seen" name="seen" value={view.filters.seen} anyLabel="Any time" options={SEEN_OPTIONS} />
          {details && <FilterSelect label="Travelling" name="travelling" value={view.filters.travelling} anyLabel="Everyone" options={TRAVELLING_OPTIONS} />}
          <FilterSelect label="Records" name="records" value={view.filters.records} anyLabel="Current records" options={RECORD_OPTIONS} />
        </>
      }
    />
  );
}

/** Ends a private search, keeping filters and sort: an empty search clears the cookie. */
export function ClearSearch({ view }: { view: TableView }) {
  return (
    <form action={searchParticipantsAction} className="row">
      <input type="hidden" name="q" value="" />
      {Object.entries(view.filters).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <input type="hidden" name="sort" value={view.sort} />
      <input type="hidden" name="dir" value={view.dir} />
      <input type="hidden" name="pageSize" value={String(view.pageSize)} />
      <p className="muted">Showing search results.</p>
      <button className="button secondary small" type="submit">
        Clear search
      </button>
    </form>
  );
}
