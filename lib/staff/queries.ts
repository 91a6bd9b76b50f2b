import 'server-only';
import type { Prisma } from '@/lib/db/generated/client.ts';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import type { Role } from '@/lib/auth/permissions.ts';
import { notFound } from '@/lib/errors.ts';
import { escapeLike, pageWindow, type TableParams } from '@/lib/table/params.ts';
import { StaffIdSchema, STAFF_TABLE } from './schema.ts';
import { formatDate } from '@/lib/calendar/index.ts';

export type StaffRow = {
  id: string;
  displayName: string;
  email: string;
  role: Role;
  active: boolean;
  createdAt: string;
  /** The program's day it was made, formatted here: see lib/calendar. */
  createdOn: string;
};

export type StaffDetail = StaffRow & { mustChangePassword: boolean; /** When two-step sign-in was set up (ISO), or null. */ twoStepSince: string | null };

type StaffParams = TableParams<(typeof STAFF_TABLE.sortable)[number], typeof STAFF_TABLE.filters>;

const SORT_FIELD = { name: 'displayName', email: 'email', role: 'role', status: 'active', created: 'createdAt' } as const;

const rowSelect = { id: true, displayName: true, email: true, role: true, active: true, createdAt: true } as const;

function withDates<R extends { createdAt: Date }>(row: R): Omit<R, 'createdAt'> & { createdAt: string; createdOn: string } {
  const createdAt = row.createdAt.toISOString();
  return { ...row, createdAt, createdOn: formatDate(createdAt) };
}

function where(params: StaffParams): Prisma.StaffUserWhereInput {
  const { role, status } = params.filters;
  const q = escapeLike(params.q);
  return {
    ...(role ? { role } : {}),
    ...(status ? { active: status === 'active' } : {}),
    ...(q ? { OR: [{ displayName: { contains: q, mode: 'insensitive' } }, { email: { contains: q, mode: 'insensitive' } }] } : {}),
  };
}

/** One page of staff accounts for the staff list. Managers and IT support (`staff:read`). */
export async function listStaff(actor: Actor, params: StaffParams): Promise<{ rows: StaffRow[]; total: number; page: number }> {
  assertCan(actor, 'staff:read');
  const filter = where(params);
  const total = await db.staffUser.count({ where: filter });
  const { page, skip, take } = pageWindow(total, params.page, params.pageSize);
  const rows = await db.staffUser.findMany({
    where: filter,
    select: rowSelect,
    // The id breaks ties so paging never repeats or skips an account.
    orderBy: [{ [SORT_FIELD[params.sort]]: params.dir }, { id: 'asc' }],
    skip,
    take,
  });
  return { rows: rows.map(withDates), total, page };
}

/** One account for its page. Managers and IT support (`staff:read`); an unknown or malformed id is "not found". */
export async function getStaffMember(actor: Actor, id: unknown): Promise<StaffDetail> {
  assertCan(actor, 'staff:read');
  const parsed = StaffIdSchema.safeParse({ id });
  if (!parsed.success) throw notFound('That account');
  const row = await db.staffUser.findUnique({ where: { id: parsed.data.id }, select: { ...rowSelect, mustChangePassword: true, totpEnrolledAt: true } });
  if (!row) throw notFound('That account');
  const { totpEnrolledAt, ...rest } = row;
  return { ...withDates(rest), twoStepSince: totpEnrolledAt?.toISOString() ?? null };
}
