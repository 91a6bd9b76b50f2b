import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { previewRetention } from '@/lib/participants/retention.ts';
import { RetentionForm } from '@/components/lifecycle/retention-form.tsx';
import { formatDate } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

/** Retention, run by a program manager: how many records are due, then a confirmed run. */
export default async function RetentionPage() {
  const actor = await requirePermission('retention:run');
  const { months, cutoff, count } = await previewRetention(actor);
  return (
    <>
      <p>
        <Link href="/settings">Back to settings</Link>
      </p>
      <h1>Retention</h1>
      <p>
        Participant records with no activity for {months} months are de-identified: the alias, notes, safe contact, pronouns, language, home community and
        self-described gender words are erased. The code, age range, gender, Indigenous identity and visits stay, so past statistics do not change. The period
        is set in <Link href="/settings">Settings</Link>.
      </p>
      <section className="card" aria-labelledby="due-heading">
        <h2 id="due-heading">Due now</h2>
        <p data-testid="retention-due">
          {count === 1 ? '1 record has' : `${count} records have`} had no activity since {formatDate(cutoff.toISOString())}.
        </p>
        <RetentionForm count={count} />
      </section>
    </>
  );
}
