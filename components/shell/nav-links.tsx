'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useRef, type ReactNode } from 'react';

type Item = { href: string; label: string };

/**
 * The main links, twice over: a row for wide screens, and on a phone a "Menu" disclosure (a native
 * <details>, so it opens by keyboard and before the page's script has loaded) that keeps the header
 * to one short line. CSS shows one of the two; the hidden one is out of the tab order and the
 * accessibility tree. `account` (the account link and sign-out) joins the menu on a phone.
 */
export function NavLinks({ items, account }: { items: Item[]; account?: ReactNode }) {
  const pathname = usePathname();
  const menu = useRef<HTMLDetailsElement>(null);
  // A link followed inside the menu moves to another page: close the menu behind it.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);
  return (
    <>
      <LinkList items={items} pathname={pathname} className="nav nav-wide" />
      <details ref={menu} className="nav-menu">
        <summary className="button secondary small">Menu</summary>
        <div className="nav-menu-panel">
          <LinkList items={items} pathname={pathname} className="nav-menu-links" />
          {account}
        </div>
      </details>
    </>
  );
}

function LinkList({ items, pathname, className }: { items: Item[]; pathname: string; className: string }) {
  return (
    <ul className={className}>
      {items.map((item) => {
        const current = item.href === '/' ? pathname === '/' : pathname.startsWith(item.href);
        return (
          <li key={item.href}>
            <Link href={item.href} aria-current={current ? 'page' : undefined}>
              {item.label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
