import Link from 'next/link';
import type { TimelineEntry } from '@/lib/timeline/types.ts';
import { formatDateTime } from '@/lib/calendar/index.ts';

/** Everything recorded for the person, newest first; kept-but-not-counted entries (a voided visit) are muted and say so. */
export function Timeline({ entries, more }: { entries: TimelineEntry[]; more: boolean }) {
  if (entries.length === 0) return <p className="muted">Nothing recorded yet.</p>;
  return (
    <>
      <ol className="timeline" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {entries.map((e, i) => (
          <li
            key={`${e.kind}-${e.at.getTime()}-${i}`}
            className={e.muted ? 'muted' : undefined}
            style={{ padding: '0.5rem 0', borderBottom: '1px solid var(--border)' }}
          >
            <time dateTime={e.at.toISOString()}>{formatDateTime(e.at.toISOString())}</time>{' '}
            <strong>{e.href ? <Link href={e.href}>{e.title}</Link> : e.title}</strong>
            {e.muted && (
              <>
                {' '}
                <span className="badge">Not counted</span>
              </>
            )}
            {e.detail && <div>{e.detail}</div>}
          </li>
        ))}
      </ol>
      {more && <p className="muted">Showing the latest entries only.</p>}
    </>
  );
}
