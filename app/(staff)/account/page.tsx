import { requireActor } from '@/lib/auth/session.ts';
import { ROLE_LABELS } from '@/lib/auth/permissions.ts';
import { ChangePasswordForm } from '@/components/auth/change-password-form.tsx';
import { signOutEverywhereAction } from '@/app/(auth)/session-actions.ts';

export const dynamic = 'force-dynamic';

export default async function AccountPage() {
  const actor = await requireActor();
  return (
    <>
      <h1>Your account</h1>
      <p>{actor.displayName} · {ROLE_LABELS[actor.role]}</p>
      <section className="card" aria-labelledby="pw-heading">
        <h2 id="pw-heading">Change password</h2>
        <ChangePasswordForm />
      </section>
      <section className="card" aria-labelledby="everywhere-heading">
        <h2 id="everywhere-heading">Sign out everywhere</h2>
        <p className="muted">Ends your sessions on every computer and phone, including this one.</p>
        <form action={signOutEverywhereAction}>
          <button className="button danger" type="submit">Sign out everywhere</button>
        </form>
      </section>
    </>
  );
}
