import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { ParticipantForm } from '@/components/participants/participant-form.tsx';

export const dynamic = 'force-dynamic';

export default async function NewParticipantPage() {
  await requirePermission('participant:create');
  return (
    <>
      <p>
        <Link href="/participants">Back to participants</Link>
      </p>
      <h1>Add a participant</h1>
      <p className="muted">Only with the person’s agreement. Ask nothing they do not want to share: every question but the alias is optional.</p>
      <ParticipantForm mode="create" />
    </>
  );
}
