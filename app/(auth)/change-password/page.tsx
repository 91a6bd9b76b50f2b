import { redirect } from 'next/navigation';
import { ChangePasswordForm } from '@/components/auth/change-password-form.tsx';
import { getSessionState } from '@/lib/auth/session.ts';

export const dynamic = 'force-dynamic';

/** Where a temporary password must be replaced before anything else is reachable. */
export default async function ChangePasswordPage() {
  const state = await getSessionState();
  if (state.status === 'none') redirect('/sign-in');
  if (state.status === 'locked') redirect('/locked');
  if (state.status === 'ok') redirect('/account');
  return (
    <main>
      <div className="card narrow">
        <h1>Choose your password</h1>
        <p className="muted">You signed in with a temporary password. Choose your own to continue.</p>
        <ChangePasswordForm />
      </div>
    </main>
  );
}
