import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { getProgram } from '@/lib/programs/queries.ts';
import { ProgramForm } from '@/components/programs/settings/program-form.tsx';

export const dynamic = 'force-dynamic';

const time = (m: number) => `${Math.floor(m / 60)}:${String(m % 60).padStart(2, '0')}`;

/** Edit one program. Program managers (`program:manage`). */
export default async function EditProgramPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requirePermission('program:manage');
  const p = await getProgram(actor, (await params).id);
  if (!p) notFound();
  return (
    <>
      <p>
        <Link href="/settings/programs">Back to programs</Link>
      </p>
      <h1>{p.name}</h1>
      <p className="muted">
        A new schedule or new dates lay out the coming sessions again. Sessions already recorded, moved, added one-off or cancelled stay as they are.
      </p>
      <section className="card" aria-label="Program details">
        <ProgramForm
          initial={{
            id: p.id,
            name: p.name,
            description: p.description ?? '',
            partner: p.partner ?? '',
            frequency: p.frequency,
            weekday: String(p.weekday),
            start: time(p.startMin),
            end: time(p.endMin),
            activeFrom: p.activeFrom,
            activeTo: p.activeTo ?? '',
          }}
        />
      </section>
      <p>
        <Link href={`/programs/${p.id}`}>Sessions of this program</Link>
      </p>
    </>
  );
}
