import Link from 'next/link';
import { requireActor } from '@/lib/auth/session.ts';
import { ROLE_LABELS } from '@/lib/auth/permissions.ts';
import { NAV_ITEMS } from '@/lib/navigation.ts';
import { can } from '@/lib/auth/permissions.ts';

export const dynamic = 'force-dynamic';

const DESCRIPTIONS: Record<string, string> = {
  '/staff': 'Create accounts, change roles, reset passwords.',
  '/audit': 'Who did what, and when.',
  '/settings': 'Sign-out timing and program settings.',
};

/** The signed-in home: what this role can use today. Feature pages add their own cards. */
export default async function HomePage() {
  const actor = await requireActor();
  const items = NAV_ITEMS.filter((i) => i.href !== '/' && (i.permission === null || can(actor, i.permission)));
  return (
    <>
      <h1>Hello, {actor.displayName}</h1>
      <p className="muted">Signed in as {ROLE_LABELS[actor.role].toLowerCase()}. Press Esc twice to hide the screen at any time.</p>
      <div className="cards">
        {items.map((item) => (
          <section className="card" key={item.href} aria-labelledby={`card-${item.href.slice(1)}`}>
            <h2 id={`card-${item.href.slice(1)}`}><Link href={item.href}>{item.label}</Link></h2>
            <p className="muted">{DESCRIPTIONS[item.href]}</p>
          </section>
        ))}
        <section className="card" aria-labelledby="card-account">
          <h2 id="card-account"><Link href="/account">Your account</Link></h2>
          <p className="muted">Change your password, or sign out on every device.</p>
        </section>
      </div>
    </>
  );
}
