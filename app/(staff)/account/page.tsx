import { requireActor } from '@/lib/auth/session.ts';
import { ROLE_LABELS } from '@/lib/auth/permissions.ts';
import { ChangePasswordForm } from '@/components/auth/change-password-form.tsx';
import Link from 'next/link';
import { signOutEverywhereAction } from '@/app/(auth)/session-actions.ts';
import { ownSecondFactor, twoFactorRequired } from '@/lib/auth/two-factor.ts';
import { ReplaceRecoveryCodes } from '@/components/auth/replace-recovery-codes.tsx';
import { formatDate } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

export default async function AccountPage() {
  const actor = await requireActor();
  const twoStep = await ownSecondFactor(actor);
  return (
    <>
      <h1>Your account</h1>
      <p>
        {actor.displayName} · {ROLE_LABELS[actor.role]}
      </p>
      <section className="card" aria-labelledby="pw-heading">
        <h2 id="pw-heading">Change password</h2>
        <ChangePasswordForm />
      </section>
      <section className="card" aria-labelledby="two-step-heading">
        <h2 id="two-step-heading">Two-step sign-in</h2>
        {twoStep.enrolledAt ? (
          <>
            <p>
              On since {formatDate(twoStep.enrolledAt.toISOString())}: a code from your phone as well as your password. {twoStep.recoveryLeft} of 10 recovery
              codes left.
            </p>
            <ReplaceRecoveryCodes />
          </>
        ) : (
          <>
            <p>{twoFactorRequired() ? 'Not set up.' : 'Off: your password alone signs you in.'} With it on, signing in also needs a code from your phone.</p>
            <p>
              <Link className="button" href="/set-up-two-step">
                Set up two-step sign-in
              </Link>
            </p>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading">Sign out everywhere</h2>
        <p className="muted">Ends your sessions on every computer and phone, including this one.</p>
        <form action={signOutEverywhereAction}>
          <button className="button danger" type="submit">
            Sign out everywhere
          </button>
        </form>
      </section>
    </>
  );
}
