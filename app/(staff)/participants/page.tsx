import Link from 'next/link';
import { cookies } from 'next/headers';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { listParticipants } from '@/lib/participants/queries.ts';
import { seesParticipantDetails } from '@/lib/participants/rules.ts';
import { PARTICIPANT_TABLE, SEARCH_COOKIE } from '@/lib/participants/schema.ts';
import { parseTableParams, toView } from '@/lib/table/params.ts';
import { ClearSearch, ParticipantTable } from '@/components/participants/participant-table.tsx';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function ParticipantsPage({ searchParams }: Props) {
  const actor = await requirePermission('participant:read');
  // The search text comes from the search cookie only; a `q` in the URL is ignored on purpose.
  const q = (await cookies()).get(SEARCH_COOKIE.name)?.value ?? '';
  const params = parseTableParams(PARTICIPANT_TABLE, { ...(await searchParams), q });
  const { rows, total, page } = await listParticipants(actor, params);
  const view = toView(params, page);
  return (
    <>
      <div className="row">
        <h1>Participants</h1>
        {can(actor, 'participant:create') && (
          <Link className="button" href="/participants/new">
            Add a participant
          </Link>
        )}
      </div>
      {view.q && <ClearSearch view={view} />}
      <ParticipantTable rows={rows} total={total} view={view} details={seesParticipantDetails(actor)} />
    </>
  );
}
