import Link from 'next/link';
import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { followUpsDue } from '@/lib/referrals/queries.ts';
import { CATEGORY_LABELS } from '@/lib/referrals/rules.ts';

/** The Today page's referral follow-ups whose date has come. Renders nothing for roles without `referral:read`. */
export async function FollowUpsDue({ actor }: { actor: Actor }) {
  if (!can(actor, 'referral:read')) return null;
  const { rows, total } = await followUpsDue(actor);
  return (
    <section className="card desk-slot" data-slot="follow-ups" aria-labelledby="follow-ups-heading">
      <h2 id="follow-ups-heading">Follow-ups due</h2>
      {rows.length === 0 ? (
        <p className="muted">None today.</p>
      ) : (
        <ul className="follow-ups">
          {rows.map((r) => (
            <li key={r.id}>
              <Link href={`/referrals/${r.id}`}>{r.who}</Link>: {r.agencyName} ({CATEGORY_LABELS[r.category].toLowerCase()}), due {r.followUpOn}
            </li>
          ))}
        </ul>
      )}
      {total > rows.length && (
        <p>
          <Link href="/referrals?due=due">All {total} follow-ups due</Link>
        </p>
      )}
    </section>
  );
}
