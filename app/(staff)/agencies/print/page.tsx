import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { agenciesByCategory } from '@/lib/referrals/agencies.ts';
import { CATEGORY_LABELS } from '@/lib/referrals/rules.ts';
import { PrintButton } from '@/components/referrals/print-button.tsx';
import '@/components/referrals/referrals.css';

export const dynamic = 'force-dynamic';

/**
 * A one-page list by kind of support for people who ask for a paper copy. The heading is neutral:
 * nothing on the sheet says what kind of program handed it out. No staff notes.
 */
export default async function PrintAgenciesPage() {
  const actor = await requirePermission('agency:read');
  const groups = await agenciesByCategory(actor);
  return (
    <div className="print-sheet">
      <p className="no-print">
        <Link href="/agencies">Back to agencies</Link> · <PrintButton />
      </p>
      <h1>Community services in Kamloops</h1>
      {groups.map((g) => (
        <section key={g.category} aria-labelledby={`print-${g.category}`}>
          <h2 id={`print-${g.category}`}>{CATEGORY_LABELS[g.category]}</h2>
          <ul>
            {g.agencies.map((a) => (
              <li key={a.id}>
                <strong>{a.name}</strong>
                {a.phone ? ` — ${a.phone}` : ''}
                {a.hours ? ` (${a.hours})` : ''}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
