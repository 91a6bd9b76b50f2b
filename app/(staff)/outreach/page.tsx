import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { activeOptions } from '@/lib/outreach/options.ts';
import { outboxKey } from '@/lib/outreach/outbox-key.ts';
import { currentShift, recentContacts, seenParticipants } from '@/lib/outreach/queries.ts';
import { resumableShift } from '@/lib/outreach/resume.ts';
import { activeServiceTypes } from '@/lib/services/queries.ts';
import { OutboxProvider } from '@/components/outreach/queue/outbox.tsx';
import { OutboxPanel } from '@/components/outreach/queue/outbox-panel.tsx';
import { OfflineCopy } from '@/components/outreach/queue/offline-copy.tsx';
import { OutreachWork } from '@/components/outreach/outreach-work.tsx';
import { RecentContacts } from '@/components/outreach/recent-contacts.tsx';
import { FollowUpsDue } from '@/components/referrals/follow-ups-due.tsx';
import { SuiteToday } from '@/components/suite/suite-today.tsx';
import '@/components/outreach/outreach.css';
import '@/components/referrals/referrals.css';
import { addDays, atLocal, localDay, localTime, programNow } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

/**
 * The outreach home, built for a phone: the current shift, add a contact, recent contacts, the suite
 * and follow-ups due. Entries go through the phone's encrypted queue (components/outreach/queue), and
 * public/sw.js keeps a copy of this page so that it opens with no connection.
 */
export default async function OutreachPage() {
  const actor = await requirePermission('outreach:read');
  const now = programNow();
  const [shift, options, services, contacts, seen, key, ended] = await Promise.all([
    currentShift(actor),
    activeOptions(actor),
    activeServiceTypes(actor),
    recentContacts(actor),
    seenParticipants(actor, atLocal(addDays(localDay(now), -90), 0)),
    can(actor, 'outreach:log') ? outboxKey(actor) : null,
    can(actor, 'outreach:log') ? resumableShift(actor, now) : null,
  ]);
  const pick = (rows: { id: string; name: string }[]) => rows.map(({ id, name }) => ({ id, name }));
  const shiftView = shift && {
    id: shift.id,
    where: shift.where,
    since: localTime(new Date(shift.startedAt)),
    staff: shift.staff,
    contacts: shift.contacts,
    people: shift.people,
  };
  const rest = (
    <>
      <RecentContacts rows={contacts} today={localDay(now)} />
      {can(actor, 'stay:read') && <SuiteToday actor={actor} />}
      <FollowUpsDue actor={actor} />
    </>
  );
  return (
    <div className="outreach">
      <h1>Outreach</h1>
      {key ? (
        <OutboxProvider outboxKey={key}>
          <OfflineCopy />
          <OutboxPanel />
          <OutreachWork
            shift={shiftView}
            me={actor.displayName}
            zones={pick(options.zone)}
            platforms={pick(options.platform)}
            kinds={pick(options.contact_kind)}
            seen={seen}
            resumable={ended && { id: ended.id, until: localTime(ended.until) }}
            supplies={services.filter((s) => s.kind === 'supply').map((s) => ({ id: s.id, name: s.name, unit: s.unit }))}
          />
          {rest}
        </OutboxProvider>
      ) : (
        rest
      )}
    </div>
  );
}
