import { randomUUID } from 'node:crypto';
import { redirect } from 'next/navigation';
import { requireActor, type Actor } from '@/lib/auth/session.ts';
import { can, ROLE_LABELS } from '@/lib/auth/permissions.ts';
import { activeServiceTypes } from '@/lib/services/queries.ts';
import { listVisitsForDay, todaySummary } from '@/lib/visits/queries.ts';
import { QuickLog } from '@/components/visits/quick-log.tsx';
import { DeskSlots } from '@/components/today/desk-slots.tsx';
import { TodayPanel } from '@/components/bookings/today-panel.tsx';
import { PlainHome } from '@/components/today/plain-home.tsx';
import { TodaySummaryCard } from '@/components/today/today-summary.tsx';
import { TodayVisits } from '@/components/today/today-visits.tsx';
import { FollowUpsDue } from '@/components/referrals/follow-ups-due.tsx';
import '@/components/referrals/referrals.css';
import { formatLocal, localDay, programNow } from '@/lib/calendar/index.ts';
import { homeFor } from '@/lib/navigation.ts';

export const dynamic = 'force-dynamic';

/**
 * The signed-in start page: the front desk's Today for staff who see visits, a plain home for IT
 * support. Outreach workers start on the outreach home instead (sign-in lands here, then there).
 */
export default async function HomePage() {
  const actor = await requireActor();
  const home = homeFor(actor.role);
  if (home !== '/') redirect(home);
  return (
    <>
      <h1>Hello, {actor.displayName}</h1>
      {can(actor, 'visit:read') ? (
        <Today actor={actor} />
      ) : (
        <>
          <p className="muted">Signed in as {ROLE_LABELS[actor.role].toLowerCase()}. Press Esc twice to hide the screen at any time.</p>
          <PlainHome actor={actor} />
        </>
      )}
    </>
  );
}

async function Today({ actor }: { actor: Actor }) {
  const now = programNow();
  const [summary, visits, services] = await Promise.all([
    todaySummary(actor, now),
    listVisitsForDay(actor, localDay(now)),
    can(actor, 'visit:create') ? activeServiceTypes(actor) : Promise.resolve(null),
  ]);
  return (
    <>
      <p className="muted">Today is {formatLocal(now, 'EEEE d MMMM')}. Press Esc twice to hide the screen at any time.</p>
      <div className="today">
        {/* The key is made here for the first entry; the panel makes a new one for each after. */}
        {services && (
          <div className="today-log">
            <QuickLog services={services} initialKey={randomUUID()} mayAddPerson={can(actor, 'participant:create')} />
          </div>
        )}
        <div className="today-side">
          <TodaySummaryCard summary={summary} />
          <TodayPanel actor={actor} />
          <FollowUpsDue actor={actor} />
          <DeskSlots actor={actor} />
        </div>
        <div className="today-visits-area">
          <TodayVisits rows={visits} />
        </div>
      </div>
    </>
  );
}
