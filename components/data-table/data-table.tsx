'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useMemo, type ReactNode } from 'react';
import { useTable, type ColumnDef } from '@tanstack/react-table';
import { tableQuery, type TableSpec, type TableView } from '@/lib/table/params.ts';
import { dataTableFeatures, type DataTableFeatures } from './columns.ts';
import { TablePager } from './table-pager.tsx';
import { TableToolbar } from './table-toolbar.tsx';

type Spec = Pick<TableSpec, 'sortable' | 'defaultSort' | 'defaultDir' | 'pageSizes'>;

export type DataTableProps<Row extends { id: string }> = {
  /** What the table lists, e.g. "Staff accounts": its caption and the name of its regions. */
  caption: string;
  /** Stable (module-scope) column definitions from `dataColumnHelper`. */
  columns: ColumnDef<DataTableFeatures, Row, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any -- columns hold mixed value types
  rows: Row[];
  total: number;
  view: TableView;
  spec: Spec;
  /** Shows a search box with this label; omit for tables without text search. */
  searchLabel?: string;
  /** Filter controls (e.g. FilterSelect), rendered inside the search form. */
  filters?: ReactNode;
  emptyMessage?: string;
  /**
   * Private search, for tables whose search text may identify a person (participants, aggressor
   * alerts). The search form then POSTs to this Server Action instead of a GET, so `q` never
   * reaches the URL, the history or a server log; the action keeps it in a short-lived, httpOnly,
   * SameSite=Strict cookie scoped to the table's path and redirects back. The page reads `q` from
   * that cookie and passes it in `view.q`; links built here then leave `q` out. Staff and audit
   * tables search staff data, which is not sensitive, and use the plain GET form.
   */
  searchAction?: (formData: FormData) => void | Promise<void>;
};

const rowId = (row: { id: string }) => row.id;
/** A column's name beside its value in the phone's card: its header when that is text, else its id. */
const headerText = (header: unknown, id: string) => (typeof header === 'string' ? header : id);

/**
 * One generic server-side table: the page queries PostgreSQL for the URL's page, sort and
 * filters and hands over the rows; this renders them, with sortable headers and a pager as links.
 */
export function DataTable<Row extends { id: string }>(props: DataTableProps<Row>) {
  const { caption, columns, rows, total, view, spec } = props;
  const pathname = usePathname();
  const queryInUrl = !props.searchAction;
  const sorting = useMemo(() => [{ id: view.sort, desc: view.dir === 'desc' }], [view.sort, view.dir]);
  const pagination = useMemo(() => ({ pageIndex: view.page - 1, pageSize: view.pageSize }), [view.page, view.pageSize]);
  const table = useTable({
    features: dataTableFeatures,
    columns,
    data: rows,
    getRowId: rowId,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    rowCount: total,
    state: { sorting, pagination },
  });
  const href = (patch: Partial<TableView>) => `${pathname}${tableQuery(view, spec, patch, queryInUrl)}`;
  const regionId = `table-${caption.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`;

  return (
    <div className="data-table">
      <TableToolbar caption={caption} view={view} spec={spec} searchLabel={props.searchLabel} searchAction={props.searchAction} filters={props.filters} />
      {/* Focusable so keyboard users can scroll a wide table on a narrow screen. On a phone each row
          is a card instead (.stack-table, app/globals.css), the sortable headers a row of links above. */}
      <div className="table-wrap" role="region" aria-labelledby={`${regionId}-caption`} tabIndex={0}>
        <table role="table" className="stack-table">
          <caption id={`${regionId}-caption`} className="visually-hidden">
            {caption}
          </caption>
          <thead role="rowgroup">
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id} role="row">
                {group.headers.map((header) => {
                  const id = header.column.id;
                  const sortable = (spec.sortable as readonly string[]).includes(id);
                  const sorted = sortable ? header.column.getIsSorted() : false;
                  const nextDir = sorted === 'asc' ? 'desc' : 'asc';
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      role="columnheader"
                      className={sortable ? 'sortable' : undefined}
                      aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    >
                      {header.isPlaceholder ? null : sortable ? (
                        <Link href={href({ sort: id, dir: nextDir, page: 1 })} className="sort-link">
                          <table.FlexRender header={header} />
                          <span aria-hidden="true">{sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ' ↕'}</span>
                        </Link>
                      ) : (
                        <table.FlexRender header={header} />
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody role="rowgroup">
            {table.getRowModel().rows.map((row) => (
              <tr key={row.id} role="row">
                {row.getAllCells().map((cell, i) => (
                  <td
                    key={cell.id}
                    role="cell"
                    className={cell.column.columnDef.meta?.className}
                    data-label={i === 0 ? undefined : headerText(cell.column.columnDef.header, cell.column.id)}
                  >
                    <table.FlexRender cell={cell} />
                  </td>
                ))}
              </tr>
            ))}
            {rows.length === 0 && (
              <tr role="row">
                <td role="cell" colSpan={columns.length}>
                  {props.emptyMessage ?? 'Nothing matches these filters.'}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <TablePager
        label={caption}
        total={total}
        pageCount={table.getPageCount()}
        page={view.page}
        canPrevious={table.getCanPreviousPage()}
        canNext={table.getCanNextPage()}
        href={href}
      />
    </div>
  );
}
