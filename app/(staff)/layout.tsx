import Link from 'next/link';
import { requireActor } from '@/lib/auth/session.ts';
import { ROLE_LABELS } from '@/lib/auth/permissions.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import { homeFor, navFor } from '@/lib/navigation.ts';
import { NavLinks } from '@/components/shell/nav-links.tsx';
import { HideScreen } from '@/components/shell/hide-screen.tsx';
import { signOutAction } from '@/app/(auth)/session-actions.ts';
import { unseenNotices } from '@/lib/staff/notices.ts';
import { AccountNotices } from '@/components/staff/account-notices.tsx';

export const dynamic = 'force-dynamic';

export default async function StaffLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const [idleMinutes, notices] = await Promise.all([getSetting('session.idleMinutes'), unseenNotices(actor)]);
  const signOut = (
    <form action={signOutAction}>
      <button className="button secondary small" type="submit">
        Sign out
      </button>
    </form>
  );
  // On a phone the account link and sign-out move into the navigation's menu, so the header is one
  // line (Lantern, Menu, Hide screen); "Hide screen" stays one tap away on every screen.
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="shell-header">
        <Link className="brand" href={homeFor(actor.role)}>
          Lantern
        </Link>
        <nav aria-label="Main">
          <NavLinks
            items={navFor(actor.role)}
            account={
              <div className="nav-menu-account">
                <p>
                  <Link href="/account">{actor.displayName}</Link> <span className="muted">({ROLE_LABELS[actor.role]})</span>
                </p>
                {signOut}
              </div>
            }
          />
        </nav>
        <div className="shell-user">
          <span className="shell-account">
            <Link href="/account">{actor.displayName}</Link> <span>({ROLE_LABELS[actor.role]})</span>
          </span>
          <HideScreen idleMinutes={idleMinutes} />
          <div className="shell-sign-out">{signOut}</div>
        </div>
      </header>
      <main id="main">
        <AccountNotices notices={notices} />
        {children}
      </main>
    </>
  );
}
