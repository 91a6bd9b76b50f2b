import Link from 'next/link';
import type { TableView } from '@/lib/table/params.ts';

type PagerProps = {
  label: string;
  total: number;
  pageCount: number;
  page: number;
  canPrevious: boolean;
  canNext: boolean;
  href: (patch: Partial<TableView>) => string;
};

/** Previous / Next links with "Page X of Y" and the total; a missing link is plain text, not a dead link. */
export function TablePager({ label, total, pageCount, page, canPrevious, canNext, href }: PagerProps) {
  return (
    <nav className="pager" aria-label={`${label}: pages`}>
      {canPrevious ? (
        <Link href={href({ page: page - 1 })} rel="prev">
          Previous
        </Link>
      ) : (
        <span className="muted">Previous</span>
      )}
      <span>
        Page {page} of {Math.max(1, pageCount)}
      </span>
      {canNext ? (
        <Link href={href({ page: page + 1 })} rel="next">
          Next
        </Link>
      ) : (
        <span className="muted">Next</span>
      )}
      <span className="muted" role="status">
        {total === 1 ? '1 result' : `${total.toLocaleString('en-CA')} results`}
      </span>
    </nav>
  );
}
