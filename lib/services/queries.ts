import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { notFound } from '@/lib/errors.ts';
import { ServiceTypeIdSchema, type ServiceOption } from './schema.ts';

export type { ServiceOption };
export type ServiceTypeRow = ServiceOption & { active: boolean };

const optionSelect = { id: true, name: true, kind: true, unit: true } as const;
const ORDER = [{ sortOrder: 'asc' }, { name: 'asc' }] as const;

/** The types offered today, in the desk's order: the quick log's toggles. Anyone who logs visits (`visit:create`). */
export async function activeServiceTypes(actor: Actor): Promise<ServiceOption[]> {
  assertCan(actor, 'visit:create');
  return db.serviceType.findMany({ where: { active: true }, select: optionSelect, orderBy: [...ORDER] });
}

/** Every type, offered or not, for the settings page. Managers and IT support (`settings:manage`). */
export async function listServiceTypes(actor: Actor): Promise<ServiceTypeRow[]> {
  assertCan(actor, 'settings:manage');
  return db.serviceType.findMany({ select: { ...optionSelect, active: true }, orderBy: [...ORDER] });
}

/** One type for its edit page. Managers and IT support (`settings:manage`); an unknown or malformed id is "not found". */
export async function getServiceType(actor: Actor, id: unknown): Promise<ServiceTypeRow> {
  assertCan(actor, 'settings:manage');
  const parsed = ServiceTypeIdSchema.safeParse({ id });
  if (!parsed.success) throw notFound('That service');
  const row = await db.serviceType.findUnique({ where: { id: parsed.data.id }, select: { ...optionSelect, active: true } });
  if (!row) throw notFound('That service');
  return row;
}
