import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError, isUniqueViolation } from '@/lib/errors.ts';
import { escapeLike } from '@/lib/table/params.ts';
import type { Prisma } from '@/lib/db/generated/client.ts';
import { CATEGORIES, isUuid, type Category } from './rules.ts';
import { AGENCY_NOT_FOUND, AgencySchema, parseOrRefuse, UpdateAgencySchema } from './schema.ts';

// The agency directory: public information about other agencies (name, phone, hours, what they
// offer) and notes for staff. Every staff role reads it; coordinators and managers keep it.

export type Agency = {
  id: string;
  name: string;
  categories: Category[];
  phone: string | null;
  hours: string | null;
  offers: string | null;
  staffNotes: string | null;
  active: boolean;
};

const SELECT = {
  id: true,
  name: true,
  categories: true,
  phone: true,
  hours: true,
  offers: true,
  staffNotes: true,
  active: true,
} as const satisfies Prisma.AgencySelect;

export type AgencyFilter = { q?: string; category?: Category; includeInactive?: boolean };

/** The directory, by name, searchable by name and category. Any staff role (`agency:read`). */
export async function listAgencies(actor: Actor, filter: AgencyFilter = {}): Promise<Agency[]> {
  assertCan(actor, 'agency:read');
  const q = filter.q?.trim().slice(0, 100);
  return db.agency.findMany({
    where: {
      ...(filter.includeInactive ? {} : { active: true }),
      ...(q ? { name: { contains: escapeLike(q), mode: 'insensitive' as const } } : {}),
      ...(filter.category ? { categories: { has: filter.category } } : {}),
    },
    select: SELECT,
    orderBy: [{ name: 'asc' }],
  });
}

/** Active agencies grouped by category (an agency under each of its categories), for the printed list. Any staff role. */
export async function agenciesByCategory(actor: Actor): Promise<{ category: Category; agencies: Agency[] }[]> {
  const all = await listAgencies(actor);
  return CATEGORIES.map((category) => ({ category, agencies: all.filter((a) => a.categories.includes(category)) })).filter((g) => g.agencies.length > 0);
}

/** One agency, or null. Any staff role (`agency:read`). */
export async function getAgency(actor: Actor, id: string): Promise<Agency | null> {
  assertCan(actor, 'agency:read');
  if (!isUuid(id)) return null;
  return db.agency.findUnique({ where: { id }, select: SELECT });
}

const DUPLICATE = new AppError('conflict', 'An agency with this name is already in the directory.', 'name');

/** Adds an agency. Coordinators and managers (`agency:manage`). */
export async function createAgency(actor: Actor, input: unknown): Promise<{ id: string }> {
  assertCan(actor, 'agency:manage');
  const data = parseOrRefuse(AgencySchema, input);
  try {
    return await db.$transaction(async (tx) => {
      const a = await tx.agency.create({ data, select: { id: true } });
      await recordAudit(tx, actor, 'agency.created', { entityType: 'agency', entityId: a.id, details: { categories: data.categories } });
      return a;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw DUPLICATE;
    throw error;
  }
}

/** Edits an agency, or makes it inactive (kept for past referrals). Coordinators and managers (`agency:manage`). */
export async function updateAgency(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'agency:manage');
  const { id, ...data } = parseOrRefuse(UpdateAgencySchema, input);
  try {
    await db.$transaction(async (tx) => {
      const found = await tx.agency.findUnique({ where: { id }, select: { id: true } });
      if (!found) throw new AppError('not_found', AGENCY_NOT_FOUND);
      await tx.agency.update({ where: { id }, data, select: { id: true } });
      await recordAudit(tx, actor, 'agency.updated', { entityType: 'agency', entityId: id, details: { active: data.active } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw DUPLICATE;
    throw error;
  }
}
