'use client';

import Form from 'next/form';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { TOOLBAR_FIELD_STYLE } from './filter-select.tsx';
import { MAX_QUERY_LENGTH, type TableSpec, type TableView } from '@/lib/table/params.ts';

type ToolbarProps = {
  caption: string;
  view: TableView;
  spec: Pick<TableSpec, 'defaultSort' | 'defaultDir' | 'pageSizes'>;
  searchLabel?: string;
  searchAction?: (formData: FormData) => void | Promise<void>;
  filters?: ReactNode;
};

/**
 * Search, filters and page size in one form. A GET form (next/form) puts them in the URL so a
 * filtered view can be bookmarked and the back button works; submitting starts again at page 1.
 */
export function TableToolbar({ caption, view, spec, searchLabel, searchAction, filters }: ToolbarProps) {
  const pathname = usePathname();
  const keepSort = view.sort !== spec.defaultSort || view.dir !== spec.defaultDir;
  // Remount when the URL's state changes so the inputs show it (e.g. after "Clear").
  const key = JSON.stringify([view.q, view.filters, view.sort, view.dir, view.pageSize]);
  return (
    <Form key={key} action={searchAction ?? pathname} className="table-toolbar row" role="search" aria-label={`${caption}: search and filters`}>
      {searchLabel && (
        <div className="field" style={TOOLBAR_FIELD_STYLE}>
          <label htmlFor="table-q">{searchLabel}</label>
          <input id="table-q" type="search" name="q" defaultValue={view.q} maxLength={MAX_QUERY_LENGTH} autoComplete="off" />
        </div>
      )}
      {filters}
      <div className="field">
        <label htmlFor="table-page-size">Rows per page</label>
        <select id="table-page-size" name="pageSize" defaultValue={String(view.pageSize)}>
          {spec.pageSizes.map((n) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </div>
      {keepSort && <input type="hidden" name="sort" value={view.sort} />}
      {keepSort && <input type="hidden" name="dir" value={view.dir} />}
      <div className="field">
        <button className="button" type="submit">
          {searchLabel ? 'Search' : 'Apply'}
        </button>
      </div>
      <div className="field">
        {/* A private search lives in a cookie the link cannot clear; the page offers its own "Clear search". */}
        <Link href={pathname}>{searchAction ? 'Reset filters' : 'Clear'}</Link>
      </div>
    </Form>
  );
}
