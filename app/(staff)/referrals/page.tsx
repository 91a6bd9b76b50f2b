import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { listReferrals, referringStaff } from '@/lib/referrals/queries.ts';
import { listAgencies } from '@/lib/referrals/agencies.ts';
import { REFERRAL_TABLE } from '@/lib/referrals/table.ts';
import { parseTableParams, toView } from '@/lib/table/params.ts';
import { ReferralTable } from '@/components/referrals/referral-table.tsx';
import { ReferralFiguresCard } from '@/components/referrals/figures-card.tsx';
import '@/components/referrals/referrals.css';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ReferralsPage({ searchParams }: Props) {
  const actor = await requirePermission('referral:read');
  const params = parseTableParams(REFERRAL_TABLE, await searchParams);
  const [{ rows, total, page }, agencies, staff] = await Promise.all([
    listReferrals(actor, params),
    listAgencies(actor, { includeInactive: true }),
    referringStaff(actor),
  ]);
  return (
    <>
      <div className="row">
        <h1>Referrals</h1>
        {can(actor, 'referral:manage') && (
          <Link className="button" href="/referrals/new">
            Make a referral
          </Link>
        )}
        <Link className="button secondary" href="/referrals?due=due">
          Follow-ups due
        </Link>
      </div>
      <ReferralTable rows={rows} total={total} view={toView(params, page)} agencies={agencies.map((a) => ({ id: a.id, name: a.name }))} staff={staff} />
      <ReferralFiguresCard actor={actor} />
    </>
  );
}
