import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { getMergeCandidate, type MergeCandidate } from '@/lib/participants/merge.ts';
import { RecordCompare } from '@/components/lifecycle/record-compare.tsx';
import { MergeSearch } from '@/components/lifecycle/merge-search.tsx';
import { MergeForm } from '@/components/lifecycle/merge-form.tsx';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ with?: string | string[] }> };

/** Why a record cannot take part in a merge, in plain words; null when it can. */
function refusal(r: MergeCandidate): string | null {
  if (r.mergedIntoId) return `Record ${r.code} was already merged into another record.`;
  if (r.deidentified) return `Record ${r.code} was de-identified and can no longer be merged.`;
  return null;
}

export default async function MergePage({ params, searchParams }: Props) {
  const actor = await requirePermission('participant:merge');
  const { id } = await params;
  const self = await getMergeCandidate(actor, id);
  if (!self) notFound();
  const withId = (await searchParams).with;
  const other = typeof withId === 'string' ? await getMergeCandidate(actor, withId) : null;
  const problem = refusal(self) ?? (other && (other.id === self.id ? 'That is the same record. Choose another one.' : refusal(other)));
  return (
    <>
      <p>
        <Link href={`/participants/${self.id}`}>Back to the record</Link>
      </p>
      <h1>Merge two records</h1>
      <p className="muted">When one person has two records, merge them so their visits and history sit in one place.</p>
      <RecordCompare
        records={[{ heading: 'This record', record: self }, ...(other && other.id !== self.id ? [{ heading: 'Other record', record: other }] : [])]}
      />
      {typeof withId === 'string' && !other && (
        <p className="form-error" role="alert">
          That participant was not found. Search again below.
        </p>
      )}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {self.mergedIntoId && (
        <p>
          <Link href={`/participants/${self.mergedIntoId}`}>Open the record it was merged into</Link>
        </p>
      )}
      {other && !problem && <MergeForm first={self} second={other} />}
      {!refusal(self) && <MergeSearch participantId={self.id} />}
    </>
  );
}
