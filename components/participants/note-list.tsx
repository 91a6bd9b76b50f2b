import { formatDateTime } from '@/lib/calendar/index.ts';
import type { NoteEntry } from '@/lib/participants/notes.ts';

const PRE: React.CSSProperties = { whiteSpace: 'pre-wrap', margin: 0, overflowWrap: 'anywhere' };

/** A participant's dated notes, newest first: kind, time (program clock) and author above the text. */
export function NoteList({ entries }: { entries: NoteEntry[] }) {
  if (entries.length === 0) return <p className="muted">No notes yet.</p>;
  return (
    <ol className="note-list" aria-label="Notes, newest first" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
      {entries.map((e) => (
        <li key={e.id} style={{ borderTop: '1px solid var(--border, #ccc)', padding: '0.5rem 0' }}>
          <p style={{ margin: '0 0 0.25rem' }}>
            <strong>{e.kind}</strong>
            {' · '}
            <time dateTime={e.writtenAt}>{formatDateTime(e.writtenAt)}</time>
            {' · '}
            <span>{e.migrated ? 'Moved from the old Notes field' : (e.author ?? 'Unknown')}</span>
          </p>
          <p style={PRE}>{e.text ?? 'Erased'}</p>
        </li>
      ))}
    </ol>
  );
}
