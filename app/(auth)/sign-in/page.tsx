import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/auth/sign-in-form.tsx';
import { getSessionState } from '@/lib/auth/session.ts';

export const dynamic = 'force-dynamic';

export default async function SignInPage() {
  const state = await getSessionState();
  if (state.status !== 'none') redirect('/');
  return (
    <main>
      <div className="card narrow">
        <h1>Lantern</h1>
        <p className="muted">Sign in with your staff account.</p>
        <SignInForm />
      </div>
    </main>
  );
}
