import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { activeOptions } from '@/lib/outreach/options.ts';
import { currentShift, recentContacts } from '@/lib/outreach/queries.ts';
import { activeServiceTypes } from '@/lib/services/queries.ts';
import { ShiftPanel } from '@/components/outreach/shift-panel.tsx';
import { ContactForm } from '@/components/outreach/contact-form.tsx';
import { RecentContacts } from '@/components/outreach/recent-contacts.tsx';
import { FollowUpsDue } from '@/components/referrals/follow-ups-due.tsx';
import { SuiteToday } from '@/components/suite/suite-today.tsx';
import '@/components/outreach/outreach.css';
import '@/components/referrals/referrals.css';
import { localDay, localTime, programNow } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

/** The outreach home, built for a phone: the current shift, add a contact, recent contacts, the suite and follow-ups due. */
export default async function OutreachPage() {
  const actor = await requirePermission('outreach:read');
  const now = programNow();
  const [shift, options, services, contacts] = await Promise.all([
    currentShift(actor), activeOptions(actor), activeServiceTypes(actor), recentContacts(actor),
  ]);
  const pick = (rows: { id: string; name: string }[]) => rows.map(({ id, name }) => ({ id, name }));
  return (
    <div className="outreach">
      <h1>Outreach</h1>
      <ShiftPanel
        shift={shift && { id: shift.id, where: shift.where, since: localTime(new Date(shift.startedAt)), staff: shift.staff, contacts: shift.contacts, people: shift.people }}
        zones={pick(options.zone)} platforms={pick(options.platform)} />
      {shift && can(actor, 'outreach:log') && (
        <ContactForm shiftId={shift.id} kinds={pick(options.contact_kind)}
          supplies={services.filter((s) => s.kind === 'supply').map((s) => ({ id: s.id, name: s.name, unit: s.unit }))} />
      )}
      <RecentContacts rows={contacts} today={localDay(now)} />
      {can(actor, 'stay:read') && <SuiteToday actor={actor} />}
      <FollowUpsDue actor={actor} />
    </div>
  );
}
