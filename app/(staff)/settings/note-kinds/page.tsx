import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { listNoteKinds } from '@/lib/participants/note-kinds.ts';
import { AddNoteKindForm, NoteKindStatusForm } from '@/components/settings/note-kind-forms.tsx';

export const dynamic = 'force-dynamic';

/** The kinds a participant's note may have. Program managers and IT support (`settings:manage`). */
export default async function NoteKindsPage() {
  const actor = await requirePermission('settings:manage');
  const kinds = await listNoteKinds(actor);
  return (
    <>
      <p>
        <Link href="/settings">Back to settings</Link>
      </p>
      <h1>Kinds of note</h1>
      <p className="muted">
        What staff choose when they add an entry to a participant’s notes. Nothing is ever deleted: a kind taken out of use stays on past entries. Each change
        is recorded in the audit log.
      </p>
      <section className="card" aria-labelledby="kinds-heading">
        <h2 id="kinds-heading">In the list</h2>
        <ul style={{ listStyle: 'none', padding: 0 }}>
          {kinds.map((k) => (
            <li key={k.id} className="row" style={{ alignItems: 'center', justifyContent: 'space-between', flexWrap: 'wrap' }}>
              <span>
                {k.name}
                {k.active ? '' : ' (out of use)'}
              </span>
              {k.key !== 'note' && <NoteKindStatusForm id={k.id} name={k.name} active={k.active} />}
            </li>
          ))}
        </ul>
        <AddNoteKindForm />
      </section>
    </>
  );
}
