import { redirect } from 'next/navigation';
import { TwoStepSetup } from '@/components/auth/two-step-setup.tsx';
import { getSessionState, pageFor } from '@/lib/auth/session.ts';
import { startEnrolment } from '@/lib/auth/two-factor.ts';
import { signOutAction } from '@/app/(auth)/session-actions.ts';

export const dynamic = 'force-dynamic';

/**
 * Setting up two-step sign-in: required before anything else where the program requires it
 * (`enrol`), or chosen from Your account.
 */
export default async function SetUpTwoStepPage() {
  const state = await getSessionState();
  if (state.status !== 'enrol' && state.status !== 'ok') redirect(pageFor(state) ?? '/');
  const enrolment = await startEnrolment(state.actor);
  if (!enrolment) redirect('/account');
  const { key, qrSvg } = enrolment;
  const required = state.status === 'enrol';
  return (
    <main>
      <div className="card narrow">
        <h1>Set up two-step sign-in</h1>
        <p className="muted">
          {required
            ? 'Lantern asks for a code from your phone as well as your password. Set it up once to continue.'
            : 'A code from your phone as well as your password, each time you sign in.'}
        </p>
        <TwoStepSetup
          enrolment={{ key, qrSvg }}
          next={required ? { href: '/', label: 'Continue' } : { href: '/account', label: 'Back to your account' }}
          askPassword={!required}
        />
        {required && (
          <form action={signOutAction}>
            <button className="button secondary" type="submit">
              Sign out
            </button>
          </form>
        )}
      </div>
    </main>
  );
}
