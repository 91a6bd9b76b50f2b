import 'server-only';
import { db } from '@/lib/db/client.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import { twoFactorRequired } from './two-factor-policy.ts';
import type { Role } from './permissions.ts';
import { programNow } from '@/lib/calendar/index.ts';

/** The signed-in staff member, as re-read from the database for this request. */
export type Actor = {
  readonly id: string;
  readonly role: Role;
  readonly displayName: string;
  readonly sessionId: string;
};

export type SessionState =
  | { status: 'none' }
  /** The password was right; the second factor is still to come. */
  | { status: 'second_factor'; actor: Actor }
  /** The password was right; two-step sign-in is required and must be set up first. */
  | { status: 'enrol'; actor: Actor }
  | { status: 'locked'; actor: Actor }
  | { status: 'must_change_password'; actor: Actor }
  | { status: 'ok'; actor: Actor };

export const ABSOLUTE_SESSION_HOURS = 12;
// lastSeenAt is written at most once a minute per session to keep requests cheap.
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Decides what a session id from a cookie is worth right now. Revoked, idle, expired, outdated
 * (role change, password reset, "sign out everywhere") and deactivated sessions end here.
 */
export async function resolveSession(sid: string | undefined, now = programNow().getTime()): Promise<SessionState> {
  if (!sid || !/^[0-9a-f-]{36}$/i.test(sid)) return { status: 'none' };
  const row = await db.authSession.findUnique({
    where: { id: sid },
    select: {
      id: true,
      sessionVersion: true,
      createdAt: true,
      lastSeenAt: true,
      lockedAt: true,
      endedAt: true,
      secondFactorAt: true,
      user: { select: { id: true, role: true, displayName: true, active: true, sessionVersion: true, mustChangePassword: true, totpEnrolledAt: true } },
    },
  });
  if (!row || row.endedAt) return { status: 'none' };
  const idleMs = (await getSetting('session.idleMinutes')) * 60_000;
  const expired =
    now - row.createdAt.getTime() > ABSOLUTE_SESSION_HOURS * 3600_000 ||
    now - row.lastSeenAt.getTime() > idleMs ||
    !row.user.active ||
    row.user.sessionVersion !== row.sessionVersion;
  if (expired) {
    await db.authSession.updateMany({ where: { id: row.id, endedAt: null }, data: { endedAt: new Date(now) } });
    return { status: 'none' };
  }
  // A locked screen does not count as activity: the idle clock keeps running behind it.
  if (!row.lockedAt && now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.authSession.update({ where: { id: row.id }, data: { lastSeenAt: new Date(now) }, select: { id: true } });
  }
  const actor: Actor = { id: row.user.id, role: row.user.role, displayName: row.user.displayName, sessionId: row.id };
  // The second factor comes before anything else, a temporary password's change included.
  if (!row.secondFactorAt && row.user.totpEnrolledAt) return { status: 'second_factor', actor };
  if (!row.secondFactorAt && twoFactorRequired()) return { status: 'enrol', actor };
  if (row.lockedAt) return { status: 'locked', actor };
  if (row.user.mustChangePassword) return { status: 'must_change_password', actor };
  return { status: 'ok', actor };
}
