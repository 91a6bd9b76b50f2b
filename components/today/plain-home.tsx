import Link from 'next/link';
import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { NAV_ITEMS } from '@/lib/navigation.ts';

const DESCRIPTIONS: Record<string, string> = {
  '/staff': 'Create accounts, change roles, reset passwords.',
  '/audit': 'Who did what, and when.',
  '/settings': 'Sign-out timing, services and supplies, program settings.',
};

/** The start page for roles without a front desk (IT support): a card per place they may go. */
export function PlainHome({ actor }: { actor: Actor }) {
  const items = NAV_ITEMS.filter((i) => i.href !== '/' && (i.permission === null || can(actor, i.permission)));
  return (
    <div className="cards">
      {items.map((item) => (
        <section className="card" key={item.href} aria-labelledby={`card-${item.href.slice(1)}`}>
          <h2 id={`card-${item.href.slice(1)}`}>
            <Link href={item.href}>{item.label}</Link>
          </h2>
          {DESCRIPTIONS[item.href] && <p className="muted">{DESCRIPTIONS[item.href]}</p>}
        </section>
      ))}
      <section className="card" aria-labelledby="card-account">
        <h2 id="card-account">
          <Link href="/account">Your account</Link>
        </h2>
        <p className="muted">Change your password, or sign out on every device.</p>
      </section>
    </div>
  );
}
