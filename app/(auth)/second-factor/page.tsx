import { redirect } from 'next/navigation';
import { SecondFactorForm } from '@/components/auth/second-factor-form.tsx';
import { getSessionState, pageFor } from '@/lib/auth/session.ts';
import { signOutAction } from '@/app/(auth)/session-actions.ts';

export const dynamic = 'force-dynamic';

/** The second step of signing in: after the password, a code from the app or a recovery code. */
export default async function SecondFactorPage() {
  const state = await getSessionState();
  if (state.status !== 'second_factor') redirect(pageFor(state) ?? '/');
  return (
    <main>
      <div className="card narrow">
        <h1>Two-step sign-in</h1>
        <p className="muted">Your password was right. Now the code from your phone.</p>
        <SecondFactorForm />
        <p className="muted">No phone and no recovery codes? Ask a program manager to reset your two-step sign-in.</p>
        <form action={signOutAction}>
          <button className="button secondary" type="submit">
            Sign out
          </button>
        </form>
      </div>
    </main>
  );
}
