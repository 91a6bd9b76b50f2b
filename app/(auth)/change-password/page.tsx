import { redirect } from 'next/navigation';
import { ChangePasswordForm } from '@/components/auth/change-password-form.tsx';
import { getSessionState, pageFor } from '@/lib/auth/session.ts';

export const dynamic = 'force-dynamic';

/** Where a temporary password must be replaced before anything else is reachable. */
export default async function ChangePasswordPage() {
  const state = await getSessionState();
  if (state.status === 'ok') redirect('/account');
  if (state.status !== 'must_change_password') redirect(pageFor(state) ?? '/');
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
