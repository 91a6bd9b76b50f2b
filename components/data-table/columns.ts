import { createColumnHelper, metaHelper, rowPaginationFeature, rowSortingFeature, tableFeatures } from '@tanstack/react-table';

// The features every DataTable registers. Sorting and paging happen in PostgreSQL; the table
// only mirrors the URL's state (manual mode) so headers and pager can read it.
export type DataColumnMeta = {
  /** Extra class on the column's cells, e.g. "nowrap" for dates. */
  className?: string;
};

export const dataTableFeatures = tableFeatures({
  rowSortingFeature,
  rowPaginationFeature,
  columnMeta: metaHelper<DataColumnMeta>(),
});

export type DataTableFeatures = typeof dataTableFeatures;

/** Column helper for a DataTable's rows; define columns at module scope so they stay stable. */
export function dataColumnHelper<Row extends { id: string }>() {
  return createColumnHelper<DataTableFeatures, Row>();
}
