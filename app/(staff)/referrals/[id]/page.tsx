import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { getReferral } from '@/lib/referrals/queries.ts';
import { reopenUntil } from '@/lib/referrals/reopen.ts';
import { CATEGORY_LABELS, CONSENT_LABELS, isDue, isOpen, REASON_LABELS, STATUS_LABELS } from '@/lib/referrals/rules.ts';
import { StatusForm } from '@/components/referrals/status-form.tsx';
import { FollowUpForm } from '@/components/referrals/follow-up-form.tsx';
import { RevealText } from '@/components/referrals/reveal-text.tsx';
import '@/components/referrals/referrals.css';
import { formatDateTime, localDay, programNow } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

export default async function ReferralPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('referral:read');
  const r = await getReferral(actor, (await params).id);
  if (!r) notFound();
  const manage = can(actor, 'referral:manage');
  const due = isDue(r.status, r.followUpOn, localDay(programNow()));
  return (
    <>
      <p>
        <Link href="/referrals">Back to referrals</Link>
      </p>
      <h1>Referral to {r.agencyName}</h1>
      <section className="card" aria-labelledby="facts-heading">
        <h2 id="facts-heading" className="visually-hidden">
          Details
        </h2>
        <dl className="referral-facts">
          <dt>Who</dt>
          <dd>{r.participantId ? <Link href={`/participants/${r.participantId}`}>{r.who}</Link> : r.who}</dd>
          <dt>Agency</dt>
          <dd>
            {r.agencyName}
            {r.agencyPhone ? `, ${r.agencyPhone}` : ''}
          </dd>
          <dt>Kind of support</dt>
          <dd>{CATEGORY_LABELS[r.category]}</dd>
          <dt>What for</dt>
          <dd>{REASON_LABELS[r.reasonCategory]}</dd>
          <dt>Referred</dt>
          <dd>
            {r.referredOn} by {r.staffName}
          </dd>
          <dt>Status</dt>
          <dd data-testid="referral-status">
            {STATUS_LABELS[r.status]}
            {r.connectedOn ? ` (connected ${r.connectedOn})` : ''}
          </dd>
          {isOpen(r.status) && (
            <>
              <dt>Follow up</dt>
              <dd>
                {r.followUpOn}
                {due ? ' — due' : ''}
              </dd>
            </>
          )}
          <dt>May be shared</dt>
          <dd>
            {CONSENT_LABELS[r.consent]}
            {r.consentBy && r.consentAt ? `. Consent recorded by ${r.consentBy}, ${formatDateTime(r.consentAt)}.` : ''}
          </dd>
        </dl>
        <RevealText referralId={r.id} hasDetail={r.hasDetail} hasSummary={r.hasSummary} hasOutcome={r.hasOutcome} />
      </section>
      {manage && (
        <section className="card">
          <StatusForm referralId={r.id} status={r.status} reopenUntil={manage ? await reopenUntil(actor, r.id) : undefined} />
          {isOpen(r.status) && <FollowUpForm referralId={r.id} followUpOn={r.followUpOn} referredOn={r.referredOn} />}
        </section>
      )}
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        <ol className="referral-history">
          {r.history.map((h, i) => (
            <li key={i}>
              {formatDateTime(h.at)}: {h.from ? `${STATUS_LABELS[h.from]} → ${STATUS_LABELS[h.to]}` : 'Referral made'}, by {h.by}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}
