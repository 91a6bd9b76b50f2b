import 'server-only';
import { Prisma } from '@/lib/db/generated/client.ts';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions.ts';
import { pageWindow, type TableParams } from '@/lib/table/params.ts';
import { AUDIT_TABLE } from './schema.ts';
import { addDays, atLocal, formatDateTime } from '@/lib/calendar/index.ts';

// Reads of the audit log. Viewing the log is not itself audited: it holds ids and codes, not
// participant data, and an entry per page view would bury the events that matter.

export type AuditRow = {
  id: string;
  at: string;
  /** `at` in the program's local time, formatted on the server (lib/calendar). */
  atText: string;
  actorName: string | null;
  actorRole: Role | null;
  action: string;
  outcome: string;
  entityType: string | null;
  entityId: string | null;
  details: [string, string][];
};

type AuditParams = TableParams<'at', typeof AUDIT_TABLE.filters>;

/** Midnight at the start of a program calendar day (`days` later), as an instant. */
function localMidnight(isoDate: string, days = 0): Date {
  return atLocal(addDays(isoDate, days), 0);
}

function where(params: AuditParams): Prisma.AuditEventWhereInput {
  const f = params.filters;
  const at: Prisma.DateTimeFilter = {};
  if (f.from) at.gte = localMidnight(f.from);
  if (f.to) at.lt = localMidnight(f.to, 1);
  return {
    ...(f.actor ? { actorId: f.actor } : {}),
    ...(f.action ? { action: f.action } : {}),
    ...(f.entity ? { entityType: f.entity } : {}),
    ...(f.outcome ? { outcome: f.outcome } : {}),
    ...(params.q ? { entityId: params.q } : {}),
    ...(f.from || f.to ? { at } : {}),
  };
}

function detailPairs(details: Prisma.JsonValue): [string, string][] {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return [];
  // JSONB keeps keys in its own order (shortest first); alphabetical reads better ("from" before "to").
  return Object.entries(details)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v === null ? '—' : String(v)]);
}

/** One page of audit events, newest first by default. Managers and IT support (`audit:read`). */
export async function listAuditEvents(actor: Actor, params: AuditParams): Promise<{ rows: AuditRow[]; total: number; page: number }> {
  assertCan(actor, 'audit:read');
  const filter = where(params);
  const total = await db.auditEvent.count({ where: filter });
  const { page, skip, take } = pageWindow(total, params.page, params.pageSize);
  const events = await db.auditEvent.findMany({
    where: filter,
    select: { id: true, at: true, actorId: true, actorRole: true, action: true, outcome: true, entityType: true, entityId: true, details: true },
    orderBy: [{ at: params.dir }, { id: params.dir }],
    skip,
    take,
  });
  const ids = [...new Set(events.flatMap((e) => (e.actorId ? [e.actorId] : [])))];
  const people = await db.staffUser.findMany({ where: { id: { in: ids } }, select: { id: true, displayName: true } });
  const name = new Map(people.map((p) => [p.id, p.displayName]));
  const rows = events.map((e) => ({
    id: e.id.toString(),
    at: e.at.toISOString(),
    atText: formatDateTime(e.at.toISOString()),
    actorName: e.actorId ? (name.get(e.actorId) ?? 'Unknown account') : null,
    actorRole: e.actorRole,
    action: e.action,
    outcome: e.outcome,
    entityType: e.entityType,
    entityId: e.entityId,
    details: detailPairs(e.details),
  }));
  return { rows, total, page };
}

export type AuditFilterOptions = {
  staff: { value: string; label: string }[];
  actions: string[];
  entityTypes: string[];
};

// Distinct values by walking the index one value at a time (a "loose index scan"), so the
// filter lists stay fast however long the log grows. Columns come from this fixed list only.
async function distinct(column: 'action' | 'entity_type'): Promise<string[]> {
  const c = Prisma.raw(`"${column}"`);
  const rows = await db.$queryRaw<{ v: string | null }[]>`
    WITH RECURSIVE walk AS (
      (SELECT ${c} AS v FROM audit_event WHERE ${c} IS NOT NULL ORDER BY ${c} LIMIT 1)
      UNION ALL
      SELECT (SELECT ${c} FROM audit_event WHERE ${c} > walk.v ORDER BY ${c} LIMIT 1) FROM walk WHERE walk.v IS NOT NULL
    )
    SELECT v FROM walk WHERE v IS NOT NULL`;
  return rows.map((r) => r.v!);
}

/** Choices for the audit log's filters: every staff account, and the actions and entity types on record. Managers and IT support (`audit:read`). */
export async function auditFilterOptions(actor: Actor): Promise<AuditFilterOptions> {
  assertCan(actor, 'audit:read');
  const people = await db.staffUser.findMany({
    select: { id: true, displayName: true, role: true, active: true },
    orderBy: [{ displayName: 'asc' }, { id: 'asc' }],
  });
  const staff = people.map((p) => ({ value: p.id, label: `${p.displayName} (${ROLE_LABELS[p.role]}${p.active ? '' : ', deactivated'})` }));
  return { staff, actions: await distinct('action'), entityTypes: await distinct('entity_type') };
}
