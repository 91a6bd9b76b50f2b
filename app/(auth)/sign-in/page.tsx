import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { WIPE_COOKIE } from '@/lib/auth/wipe.ts';
import { WipeOffline } from '@/components/outreach/queue/wipe-offline.tsx';
import { SignInForm } from '@/components/auth/sign-in-form.tsx';
import { getSessionState } from '@/lib/auth/session.ts';

export const dynamic = 'force-dynamic';

export default async function SignInPage() {
  const state = await getSessionState();
  if (state.status !== 'none') redirect('/');
  const signedOut = (await cookies()).has(WIPE_COOKIE);
  return (
    <main>
      {signedOut && <WipeOffline />}
      <div className="card narrow">
        <h1>Lantern</h1>
        <p className="muted">Sign in with your staff account.</p>
        <SignInForm />
      </div>
    </main>
  );
}
