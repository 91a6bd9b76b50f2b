import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { getProgram, listProgramSessions } from '@/lib/programs/queries.ts';
import { SESSIONS_TABLE } from '@/lib/programs/table.ts';
import { parseTableParams, toView } from '@/lib/table/params.ts';
import { SessionsTable } from '@/components/programs/sessions-table.tsx';
import { OneOffForm } from '@/components/programs/one-off-form.tsx';
import '@/components/programs/programs.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

/** One program and its sessions with counts. Staff (`program:read`). */
export default async function ProgramPage({ params, searchParams }: Props) {
  const actor = await requirePermission('program:read');
  const program = await getProgram(actor, (await params).id);
  if (!program) notFound();
  const table = parseTableParams(SESSIONS_TABLE, await searchParams);
  const { rows, total, page } = await listProgramSessions(actor, program.id, table);
  return (
    <>
      <p>
        <Link href="/programs">Back to programs</Link>
      </p>
      <h1>{program.name}</h1>
      <p className="muted">
        {program.schedule}
        {program.partner ? ` · with ${program.partner}` : ''} · from {program.activeFrom}
        {program.activeTo ? ` to ${program.activeTo}` : ''}
      </p>
      {program.description && <p>{program.description}</p>}
      {can(actor, 'program:manage') && (
        <p>
          <Link href={`/settings/programs/${program.id}`}>Change this program</Link>
        </p>
      )}
      <SessionsTable rows={rows} total={total} view={toView(table, page)} />
      {can(actor, 'program:manage') && <OneOffForm programId={program.id} />}
    </>
  );
}
