import 'server-only';
import { cache } from 'react';
import { forbidden, redirect } from 'next/navigation';
import { db } from '@/lib/db/client.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { auth } from './config.ts';
import { can, type Permission } from './permissions.ts';
import { resolveSession, type Actor, type SessionState } from './resolve-session.ts';

export type { Actor, SessionState };

/** This request's session, resolved once per request against PostgreSQL. */
export const getSessionState = cache(async (): Promise<SessionState> => resolveSession((await auth())?.sid));

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

/** Records that someone was refused, with the permission they lacked. */
export async function auditRefusal(actor: Actor, permission: Permission): Promise<void> {
  await db.$transaction((tx) => recordAudit(tx, actor, 'access.refused', { outcome: 'refused', details: { permission } }));
}
