import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { deskQueue, type KindQueue, type QueueLine } from '@/lib/bookings/desk.ts';
import { KIND_TITLE, STATUS_LABEL } from '@/lib/bookings/rules.ts';
import { BookPanel } from './book-panel.tsx';
import { ToMoveList } from './to-move-list.tsx';
import { WaitlistEntryRow } from './waitlist-panel.tsx';
import './bookings.css';
import { localDay, programNow } from '@/lib/calendar/index.ts';

function Lines({ lines }: { lines: QueueLine[] }) {
  if (!lines.length) return <>—</>;
  return (
    <>
      {lines.map((l, i) => (
        <span key={l.id}>
          {i > 0 && ', '}
          <strong className="booking-ticket">{l.ticket}</strong>{' '}
          {l.person ? (
            <>
              {l.person.alias ?? 'De-identified record'} <span className="booking-code">{l.person.code}</span>
            </>
          ) : (
            'anonymous'
          )}{' '}
          ({l.resourceName}
          {l.status === 'checked_in' ? `, ${STATUS_LABEL.checked_in.toLowerCase()}` : ''})
        </span>
      ))}
    </>
  );
}

function KindSummary({ q, canManage }: { q: KindQueue; canManage: boolean }) {
  return (
    <div>
      <h3>{KIND_TITLE[q.kind]}</h3>
      <dl>
        <dt>Now</dt>
        <dd>
          <Lines lines={q.now} />
        </dd>
        <dt>Next{q.next[0] ? ` ${q.next[0].time}` : ''}</dt>
        <dd>
          <Lines lines={q.next} />
        </dd>
        <dt>Next free</dt>
        <dd>{q.nextFree ? `${q.nextFree.time}, ${q.nextFree.resourceName}` : 'None left today'}</dd>
        <dt>Waiting</dt>
        <dd>{q.waiting + q.offered.length}</dd>
      </dl>
      <ToMoveList lines={q.toMove} canManage={canManage} />
      {q.offered.length > 0 && (
        <ol className="waitlist">
          {q.offered.map((o, i) => (
            <WaitlistEntryRow key={o.id} entry={{ id: o.id, position: i + 1, ticket: o.ticket, status: 'offered', person: o.person }} canManage={canManage} />
          ))}
        </ol>
      )}
    </div>
  );
}

/**
 * The Today page's shower and laundry queue: now, next, the next free place and waitlist offers
 * per kind, and (for those who book) "Next free shower / laundry" in one action. Renders nothing
 * for a role without `booking:read`; the queries check again.
 */
export async function TodayPanel({ actor }: { actor: Actor }) {
  if (!can(actor, 'booking:read')) return null;
  const now = programNow();
  const queues = await deskQueue(actor, now);
  const canManage = can(actor, 'booking:manage');
  return (
    <>
      <section className="card desk-slot" data-slot="booking-queue" aria-labelledby="booking-queue-heading">
        <h2 id="booking-queue-heading">Shower and laundry queue</h2>
        <div className="queue-kinds">
          {queues.map((q) => (
            <KindSummary key={q.kind} q={q} canManage={canManage} />
          ))}
        </div>
        <p>
          <Link href="/bookings">Open the day’s grid</Link>
        </p>
      </section>
      {canManage && <BookPanel id="today-book" heading="Book a shower or laundry" initialKey={randomUUID()} day={localDay(now)} isToday />}
    </>
  );
}
