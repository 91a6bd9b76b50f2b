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

/** The page a session in this state belongs on, or null when it may go anywhere its role allows. */
export function pageFor(state: SessionState): string | null {
  switch (state.status) {
    case 'none':
      return '/sign-in';
    case 'second_factor':
      return '/second-factor';
    case 'enrol':
      return '/set-up-two-step';
    case 'locked':
      return '/locked';
    case 'must_change_password':
      return '/change-password';
    case 'ok':
      return null;
  }
}

/** For pages: sends the browser where it must go (sign-in, second factor, locked screen, password change). */
export async function requireActor(): Promise<Actor> {
  const state = await getSessionState();
  const page = pageFor(state);
  if (page || state.status !== 'ok') redirect(page ?? '/sign-in');
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
