import { z } from 'zod';

// URL state for server-side tables: page, page size, sort, direction, search text and per-table
// filters. Each parameter is parsed on its own and falls back to its default when it is missing
// or wrong, so a hand-edited or stale URL shows a sensible page instead of an error. Shared by
// the server (to query) and the DataTable (to build links), so it must stay free of server code.

export type SortDir = 'asc' | 'desc';
type SearchParams = Record<string, string | string[] | undefined>;

export type TableSpec<S extends string = string, F extends Record<string, z.ZodType> = Record<string, z.ZodType>> = {
  sortable: readonly [S, ...S[]];
  defaultSort: S;
  defaultDir: SortDir;
  pageSizes: readonly [number, ...number[]];
  /** Per-table filters, one zod schema each; a value that fails its schema is dropped. */
  filters: F;
};

export type TableParams<S extends string = string, F extends Record<string, z.ZodType> = Record<string, z.ZodType>> = {
  page: number;
  pageSize: number;
  sort: S;
  dir: SortDir;
  q: string;
  filters: { [K in keyof F]?: z.infer<F[K]> };
};

export const MAX_QUERY_LENGTH = 100;

export function defineTable<S extends string, F extends Record<string, z.ZodType>>(spec: TableSpec<S, F>): TableSpec<S, F> {
  return spec;
}

// Repeated keys (?page=1&page=2) are ambiguous: take the first.
function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

const pageSchema = z.coerce.number().int().min(1).max(100_000);
const querySchema = z.string().trim().max(MAX_QUERY_LENGTH);

/** Parses a page's `searchParams`; never throws. */
export function parseTableParams<S extends string, F extends Record<string, z.ZodType>>(spec: TableSpec<S, F>, searchParams: SearchParams): TableParams<S, F> {
  const page = pageSchema.safeParse(first(searchParams.page));
  const size = Number(first(searchParams.pageSize));
  const sort = first(searchParams.sort);
  const dir = first(searchParams.dir);
  const q = querySchema.safeParse(first(searchParams.q) ?? '');
  const filters: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(spec.filters)) {
    const raw = first(searchParams[key]);
    if (raw === undefined || raw === '') continue;
    const parsed = schema.safeParse(raw);
    if (parsed.success) filters[key] = parsed.data;
  }
  return {
    page: page.success ? page.data : 1,
    pageSize: spec.pageSizes.includes(size) ? size : spec.pageSizes[0],
    sort: (spec.sortable as readonly string[]).includes(sort ?? '') ? (sort as S) : spec.defaultSort,
    dir: dir === 'asc' || dir === 'desc' ? dir : spec.defaultDir,
    q: q.success ? q.data : '',
    filters: filters as TableParams<S, F>['filters'],
  };
}

/** The row window for a page, clamped so a page past the end shows the last page rather than nothing. */
export function pageWindow(total: number, page: number, pageSize: number): { page: number; skip: number; take: number } {
  const lastPage = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.min(page, lastPage);
  return { page: current, skip: (current - 1) * pageSize, take: pageSize };
}

/** Plain, serialisable table state handed from a page to its DataTable. */
export type TableView = {
  page: number;
  pageSize: number;
  sort: string;
  dir: SortDir;
  q: string;
  filters: Record<string, string>;
};

/** Converts parsed params to the view a client DataTable receives (filter values as strings). */
export function toView(params: TableParams, page = params.page): TableView {
  const filters: Record<string, string> = {};
  for (const [k, v] of Object.entries(params.filters)) if (v !== undefined && v !== null) filters[k] = String(v);
  return { page, pageSize: params.pageSize, sort: params.sort, dir: params.dir, q: params.q, filters };
}

/**
 * The query string for a table view with some parts changed. Defaults are left out to keep
 * URLs short. `q` is included only when `queryInUrl` is true (see DataTable on private search).
 */
export function tableQuery(
  view: TableView,
  spec: Pick<TableSpec, 'defaultSort' | 'defaultDir' | 'pageSizes'>,
  patch: Partial<TableView> = {},
  queryInUrl = true,
): string {
  const v = { ...view, ...patch };
  const out = new URLSearchParams();
  if (queryInUrl && v.q) out.set('q', v.q);
  for (const [k, val] of Object.entries(v.filters)) if (val) out.set(k, val);
  if (v.sort !== spec.defaultSort || v.dir !== spec.defaultDir) {
    out.set('sort', v.sort);
    out.set('dir', v.dir);
  }
  if (v.pageSize !== spec.pageSizes[0]) out.set('pageSize', String(v.pageSize));
  if (v.page > 1) out.set('page', String(v.page));
  const s = out.toString();
  return s ? `?${s}` : '';
}

/** Escapes LIKE wildcards: Prisma's `contains` passes `%` and `_` through, so "50%" would match everything. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
