import { can, type Permission } from './permissions.ts';
import { forbidden } from '@/lib/errors.ts';
import type { Actor } from './resolve-session.ts';

/** The data layer's own check: every exported query and mutation calls this first. */
export function assertCan(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw forbidden();
}
