import Link from 'next/link';
import type { ContactRow } from '@/lib/outreach/queries.ts';
import { VoidContact } from './void-contact.tsx';
import { formatLocal, localDay } from '@/lib/calendar/index.ts';

/** The latest contacts on this person's shifts, as cards (readable at 360 px), voided ones muted. */
export function RecentContacts({ rows, today }: { rows: ContactRow[]; today: string }) {
  return (
    <section className="card" aria-labelledby="recent-heading">
      <h2 id="recent-heading">Recent contacts</h2>
      {rows.length === 0 ? (
        <p className="muted">None yet.</p>
      ) : (
        <ul className="outreach-contacts">
          {rows.map((c) => (
            <li key={c.id} className={c.voided ? 'voided' : undefined} data-contact={c.id}>
              <span className="muted">
                {localDay(c.contactedAt) === today ? '' : `${localDay(c.contactedAt)} `}
                {formatLocal(new Date(c.contactedAt), 'HH:mm')}
              </span>{' '}
              {c.participantId ? <Link href={`/participants/${c.participantId}`}>{c.who}</Link> : <strong>{c.who}</strong>}
              {c.isNew ? ' · new' : ''}
              <div className="outreach-contact-what">
                {c.kinds.join(', ')}
                {c.supplies.map((s) => ` · ${s.name} ×${s.quantity}${s.forOthers ? ` (+${s.forOthers} for others)` : ''}`).join('')}
              </div>
              {c.voided ? <div>Voided: {c.voidReason}</div> : c.mine && <VoidContact contactId={c.id} />}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
