import { randomUUID } from 'node:crypto';
import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { listAgencies } from '@/lib/referrals/agencies.ts';
import { referralPerson } from '@/lib/referrals/queries.ts';
import { ReferralForm } from '@/components/referrals/referral-form.tsx';
import '@/components/referrals/referrals.css';
import { localDay, programNow } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function NewReferralPage({ searchParams }: Props) {
  const actor = await requirePermission('referral:manage');
  const sp = await searchParams;
  const [agencies, person] = await Promise.all([listAgencies(actor), referralPerson(actor, typeof sp.participant === 'string' ? sp.participant : undefined)]);
  return (
    <>
      <p>
        <Link href="/referrals">Back to referrals</Link>
      </p>
      <h1>New referral</h1>
      <ReferralForm
        agencies={agencies.map((a) => ({ id: a.id, name: a.name, categories: a.categories }))}
        initialKey={randomUUID()}
        today={localDay(programNow())}
        person={person ? { kind: 'person', ...person } : null}
      />
    </>
  );
}
