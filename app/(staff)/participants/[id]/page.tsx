import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { AppError } from '@/lib/errors.ts';
import { getParticipantProfile } from '@/lib/participants/queries.ts';
import { timelineFor } from '@/lib/timeline/sources.ts';
import { ProfileDetails } from '@/components/participants/profile-details.tsx';
import { SensitivePanel } from '@/components/participants/sensitive-panel.tsx';
import { activeNoteKinds } from '@/lib/participants/note-kinds.ts';
import { Timeline } from '@/components/participants/timeline.tsx';
import { ParticipantBookings } from '@/components/bookings/participant-bookings.tsx';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

// The tab title stays "Lantern": the alias appears on the page, never in the title or the URL.
export default async function ParticipantPage({ params }: Props) {
  const actor = await requirePermission('participant:read');
  const { id } = await params;
  const p = await getParticipantProfile(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  // Peers see alias, code and today's bookings only: no history, services, supplies or dates.
  const timeline = can(actor, 'participant:history') ? await timelineFor(actor, p.id) : null;
  const open = !p.deidentified && !p.mergedInto;
  const kinds = open && can(actor, 'participant:update') ? (await activeNoteKinds(actor)).map((k) => ({ value: k.id, label: k.name })) : null;
  return (
    <>
      <p>
        <Link href="/participants">Back to participants</Link>
      </p>
      <h1>
        {p.alias ?? 'De-identified record'} <span className="muted">· {p.code}</span>
      </h1>
      {p.mergedInto && (
        <p className="card">
          This record was merged into{' '}
          <Link href={`/participants/${p.mergedInto.id}`}>
            {p.mergedInto.alias ?? 'a de-identified record'} · {p.mergedInto.code}
          </Link>
          . Everything recorded for the person is there.
        </p>
      )}
      {p.deidentified && (
        <p className="card">This record was de-identified: its alias and free text were erased. Its code and coarse answers stay for past statistics.</p>
      )}
      <div className="row">
        {open && can(actor, 'participant:update') && (
          <Link className="button" href={`/participants/${p.id}/edit`}>
            Edit details
          </Link>
        )}
        {open && can(actor, 'participant:merge') && (
          <Link className="button secondary" href={`/participants/${p.id}/merge`}>
            Merge with another record
          </Link>
        )}
        {open && can(actor, 'referral:manage') && (
          <Link className="button secondary" href={`/referrals/new?participant=${p.id}`}>
            Refer to an agency
          </Link>
        )}
        {can(actor, 'participant:access_request') && (
          <Link className="button secondary" href={`/participants/${p.id}/access`}>
            Everything we hold (access request)
          </Link>
        )}
      </div>
      {p.details && (
        <section className="card" aria-labelledby="details-heading">
          <h2 id="details-heading">Details</h2>
          <ProfileDetails d={p.details} />
        </section>
      )}
      {p.details && can(actor, 'participant:read_sensitive') && open && (
        <section className="card" aria-labelledby="sensitive-heading">
          <h2 id="sensitive-heading">Safe contact and notes</h2>
          <SensitivePanel id={p.id} stored={p.details.hasSafeContact || p.details.hasNotes} kinds={kinds} />
        </section>
      )}
      <ParticipantBookings actor={actor} participantId={p.id} open={open} />
      {timeline && (
        <section aria-labelledby="timeline-heading">
          <h2 id="timeline-heading">Timeline</h2>
          <Timeline entries={timeline.entries} more={timeline.more} />
        </section>
      )}
    </>
  );
}
