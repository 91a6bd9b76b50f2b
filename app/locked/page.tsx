import { redirect } from 'next/navigation';
import { UnlockForm } from '@/components/auth/unlock-form.tsx';
import { getSessionState, pageFor } from '@/lib/auth/session.ts';
import { signOutAction } from '@/app/(auth)/session-actions.ts';
import { WipeOffline } from '@/components/outreach/queue/wipe-offline.tsx';

export const dynamic = 'force-dynamic';

// The neutral page behind which a hidden screen waits. It shows nothing about the program or the
// person signed in.
export default async function LockedPage() {
  const state = await getSessionState();
  if (state.status !== 'locked') redirect(pageFor(state) ?? '/');
  return (
    <main>
      {/* A hidden screen leaves nothing readable behind: the queue's key is gone, and so is the queue. */}
      <WipeOffline />
      <div className="card narrow">
        <h1>Lantern</h1>
        <p className="muted">Enter your password to continue.</p>
        <UnlockForm />
        <form action={signOutAction}>
          <button className="button secondary" type="submit" style={{ marginTop: '1rem' }}>
            Sign out
          </button>
        </form>
      </div>
    </main>
  );
}
