import type { PrismaClient } from '../../lib/db/generated/client.ts';
import type { Role } from '../../lib/auth/permissions.ts';
import { hashPassword } from '../../lib/auth/password.ts';

/**
 * One sign-in per role, printed by `npm run demo`. Invented people. The passwords are easy to type
 * from the README; they would not pass the rule for a chosen password (each names the role that is
 * its email), which applies to passwords people choose, not to seeded ones.
 */
export const DEMO_LOGINS: { role: Role; email: string; password: string; displayName: string }[] = [
  { role: 'coordinator', email: 'coordinator@example.org', password: 'lantern-coordinator-demo', displayName: 'Jo Rivard' },
  { role: 'outreach', email: 'outreach@example.org', password: 'lantern-outreach-demo', displayName: 'Mel Tanaka' },
  { role: 'peer', email: 'peer@example.org', password: 'lantern-peer-demo', displayName: 'Kit Arcand' },
  { role: 'manager', email: 'manager@example.org', password: 'lantern-manager-demo', displayName: 'Dana Moreau' },
  { role: 'admin', email: 'admin@example.org', password: 'lantern-admin-demo', displayName: 'IT Support' },
];

// Further accounts so the staff list looks like a real team: more peers, a former staff member.
const OTHER_STAFF: { role: Role; email: string; displayName: string; active: boolean }[] = [
  { role: 'peer', email: 'ren.b@example.org', displayName: 'Ren Bellamy', active: true },
  { role: 'peer', email: 'sky.o@example.org', displayName: 'Sky Okafor', active: true },
  { role: 'coordinator', email: 'lee.h@example.org', displayName: 'Lee Hollis', active: true },
  { role: 'outreach', email: 'ash.w@example.org', displayName: 'Ash Whitford', active: false },
];

export async function seedStaff(db: PrismaClient): Promise<void> {
  for (const login of DEMO_LOGINS) {
    await db.staffUser.create({
      data: {
        email: login.email,
        displayName: login.displayName,
        role: login.role,
        passwordHash: await hashPassword(login.password),
        mustChangePassword: false,
      },
      select: { id: true },
    });
  }
  // Nobody knows these passwords: the accounts exist for the list, and a reset would issue a temporary one.
  const unusable = await hashPassword(crypto.randomUUID());
  for (const s of OTHER_STAFF) {
    await db.staffUser.create({
      data: { email: s.email, displayName: s.displayName, role: s.role, active: s.active, passwordHash: unusable, mustChangePassword: true },
      select: { id: true },
    });
  }
}
