import { can, type Permission, type Role } from './auth/permissions.ts';

// The main navigation. A link shows only to roles that may use what is behind it — a courtesy;
// the page itself checks again.
export type NavItem = { href: string; label: string; permission: Permission | null };

export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'Today', permission: null },
  { href: '/participants', label: 'Participants', permission: 'participant:read' },
  { href: '/bookings', label: 'Showers and laundry', permission: 'booking:read' },
  { href: '/suite', label: 'Safe Suite', permission: 'stay:read' },
  { href: '/outreach', label: 'Outreach', permission: 'outreach:read' },
  { href: '/programs', label: 'Programs', permission: 'program:read' },
  { href: '/alerts', label: 'Alerts', permission: 'alert:read_published' },
  { href: '/referrals', label: 'Referrals', permission: 'referral:read' },
  { href: '/agencies', label: 'Agencies', permission: 'agency:read' },
  { href: '/reports', label: 'Reports', permission: 'report:read' },
  { href: '/staff', label: 'Staff accounts', permission: 'staff:read' },
  { href: '/audit', label: 'Audit log', permission: 'audit:read' },
  { href: '/settings', label: 'Settings', permission: 'settings:manage' },
];

/**
 * Where a role starts. Outreach workers start on the outreach home, built for the phone they carry;
 * "/" sends them there. Everyone else starts on "/" (the front desk's Today, or IT support's plain home).
 */
export function homeFor(role: Role): string {
  return role === 'outreach' ? '/outreach' : '/';
}

export function navFor(role: Role): { href: string; label: string }[] {
  const home = homeFor(role);
  const items = NAV_ITEMS.filter((item) => item.permission === null || can({ role }, item.permission)).map(({ href, label }) => ({
    href,
    // IT support has no front desk: its start page is a plain home.
    label: href === '/' && !can({ role }, 'visit:read') ? 'Home' : label,
  }));
  if (home === '/') return items;
  // A role that starts elsewhere has no "/" link (it would only send them home): their home comes first.
  return [...items.filter((i) => i.href === home), ...items.filter((i) => i.href !== home && i.href !== '/')];
}
