import 'server-only';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { db } from '@/lib/db/client.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import { auth, ABSOLUTE_SESSION_HOURS } from './config.ts';
import { can, type Permission, type Role } from './permissions.ts';

/** The signed-in staff member, as re-read from the database for this request. */
export type Actor = {
  readonly id: string;
  readonly role: Role;
  readonly displayName: string;
  readonly sessionId: string;
};

export type SessionState =
  | { status: 'none' }
  | { status: 'locked'; actor: Actor }
  | { status: 'must_change_password'; actor: Actor }
  | { status: 'ok'; actor: Actor };

// lastSeenAt is written at most once a minute per session to keep requests cheap.
const TOUCH_INTERVAL_MS = 60_000;

/** Resolves the request's session against PostgreSQL: revoked, idle, expired or deactivated sessions end here. */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const sid = (await auth())?.sid;
  if (!sid) return { status: 'none' };
  const row = await db.authSession.findUnique({
    where: { id: sid },
    select: {
      id: true, sessionVersion: true, createdAt: true, lastSeenAt: true, lockedAt: true, endedAt: true,
      user: { select: { id: true, role: true, displayName: true, active: true, sessionVersion: true, mustChangePassword: true } },
    },
  });
  if (!row || row.endedAt) return { status: 'none' };
  const now = Date.now();
  const idleMs = (await getSetting('session.idleMinutes')) * 60_000;
  const expired =
    now - row.createdAt.getTime() > ABSOLUTE_SESSION_HOURS * 3600_000 ||
    now - row.lastSeenAt.getTime() > idleMs ||
    !row.user.active ||
    row.user.sessionVersion !== row.sessionVersion;
  if (expired) {
    await db.authSession.updateMany({ where: { id: row.id, endedAt: null }, data: { endedAt: new Date() } });
    return { status: 'none' };
  }
  // A locked screen does not count as activity: the idle clock keeps running behind it.
  if (!row.lockedAt && now - row.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.authSession.update({ where: { id: row.id }, data: { lastSeenAt: new Date() }, select: { id: true } });
  }
  const actor: Actor = { id: row.user.id, role: row.user.role, displayName: row.user.displayName, sessionId: row.id };
  if (row.lockedAt) return { status: 'locked', actor };
  if (row.user.mustChangePassword) return { status: 'must_change_password', actor };
  return { status: 'ok', actor };
});

/** The actor for a data-layer call, or null when the request is not fully signed in. */
export async function getActor(): Promise<Actor | null> {
  const state = await getSessionState();
  return state.status === 'ok' ? state.actor : null;
}

/** For pages: sends the browser where it must go (sign-in, locked screen, password change). */
export async function requireActor(): Promise<Actor> {
  const state = await getSessionState();
  if (state.status === 'none') redirect('/sign-in');
  if (state.status === 'locked') redirect('/locked');
  if (state.status === 'must_change_password') redirect('/change-password');
  return state.actor;
}

/** For pages: the actor, when their role holds the permission; otherwise a plain 403 page, audited. */
export async function requirePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!can(actor, permission)) {
    await auditRefusal(actor, permission);
    forbidden();
  }
  return actor;
}

export async function auditRefusal(actor: Actor, permission: Permission): Promise<void> {
  await db.$transaction((tx) => recordAudit(tx, actor, 'access.refused', { outcome: 'refused', details: { permission } }));
}
