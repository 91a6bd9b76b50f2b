import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import type { Prisma } from '@/lib/db/generated/client.ts';
import { pageWindow, type TableParams } from '@/lib/table/params.ts';
import { isUuid, OPEN_STATUSES, type Category, type Consent, type Reason, type ReferralStatus } from './rules.ts';
import type { REFERRAL_TABLE } from './table.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

// Reads of referrals. Lists show the alias and code, agency, category, what for, dates and status;
// the reason's words, the summary and the outcome stay encrypted until someone asks (reveal.ts, audited).

export type ReferralRow = {
  id: string;
  participantId: string | null;
  who: string;
  agencyName: string;
  category: Category;
  reasonCategory: Reason;
  referredOn: string;
  followUpOn: string;
  status: ReferralStatus;
  staffName: string;
};

type Params = TableParams<'referredOn' | 'followUpOn', typeof REFERRAL_TABLE.filters>;
const day = (d: Date) => d.toISOString().slice(0, 10);
const asDate = (s: string) => new Date(`${s}T00:00:00Z`);

const ROW_SELECT = {
  id: true,
  participantId: true,
  category: true,
  reasonCategory: true,
  referredOn: true,
  followUpOn: true,
  status: true,
  participant: { select: { alias: true, code: true } },
  agency: { select: { name: true } },
  staff: { select: { displayName: true } },
} as const satisfies Prisma.ReferralSelect;

type Selected = Prisma.ReferralGetPayload<{ select: typeof ROW_SELECT }>;

export function whoLabel(p: { alias: string | null; code: string } | null): string {
  if (!p) return 'Anonymous';
  return p.alias ? `${p.alias} (${p.code})` : p.code;
}

function toRow(r: Selected): ReferralRow {
  return {
    id: r.id,
    participantId: r.participantId,
    who: whoLabel(r.participant),
    agencyName: r.agency.name,
    category: r.category,
    reasonCategory: r.reasonCategory,
    referredOn: day(r.referredOn),
    followUpOn: day(r.followUpOn),
    status: r.status,
    staffName: r.staff.displayName,
  };
}

function where(params: Params, today: string): Prisma.ReferralWhereInput {
  const f = params.filters;
  const dueBy = f.due === 'due' ? today : f.due;
  return {
    ...(f.status === 'open' ? { status: { in: [...OPEN_STATUSES] } } : f.status ? { status: f.status } : {}),
    ...(f.category ? { category: f.category } : {}),
    ...(f.agency ? { agencyId: f.agency } : {}),
    ...(f.staff ? { staffId: f.staff } : {}),
    ...(dueBy ? { followUpOn: { lte: asDate(dueBy) }, ...(f.status ? {} : { status: { in: [...OPEN_STATUSES] } }) } : {}),
  };
}

/** One page of referrals, filtered on the server. Coordinators, outreach and managers (`referral:read`). */
export async function listReferrals(actor: Actor, params: Params, now = programNow()): Promise<{ rows: ReferralRow[]; total: number; page: number }> {
  assertCan(actor, 'referral:read');
  const filter = where(params, localDay(now));
  const total = await db.referral.count({ where: filter });
  const { page, skip, take } = pageWindow(total, params.page, params.pageSize);
  const rows = await db.referral.findMany({
    where: filter,
    select: ROW_SELECT,
    skip,
    take,
    orderBy: [{ [params.sort]: params.dir }, { createdAt: params.dir }, { id: params.dir }],
  });
  return { rows: rows.map(toRow), total, page };
}

/** Open referrals whose follow-up date has come, oldest first (the Today page). Coordinators, outreach and managers. */
export async function followUpsDue(actor: Actor, now = programNow(), take = 10): Promise<{ rows: ReferralRow[]; total: number }> {
  assertCan(actor, 'referral:read');
  const filter = { status: { in: [...OPEN_STATUSES] }, followUpOn: { lte: asDate(localDay(now)) } };
  const [total, rows] = await Promise.all([
    db.referral.count({ where: filter }),
    db.referral.findMany({ where: filter, select: ROW_SELECT, orderBy: [{ followUpOn: 'asc' }, { id: 'asc' }], take }),
  ]);
  return { rows: rows.map(toRow), total };
}

export type ReferralDetail = ReferralRow & {
  consent: Consent;
  consentBy: string | null;
  consentAt: string | null;
  hasDetail: boolean;
  hasSummary: boolean;
  hasOutcome: boolean;
  connectedOn: string | null;
  agencyId: string;
  agencyPhone: string | null;
  history: { from: ReferralStatus | null; to: ReferralStatus; by: string; at: string }[];
};

/** One referral with its status history; null when unknown. Coordinators, outreach and managers (`referral:read`). */
export async function getReferral(actor: Actor, id: string): Promise<ReferralDetail | null> {
  assertCan(actor, 'referral:read');
  if (!isUuid(id)) return null;
  const r = await db.referral.findUnique({
    where: { id },
    select: {
      ...ROW_SELECT,
      consent: true,
      consentAt: true,
      connectedOn: true,
      agencyId: true,
      consentBy: { select: { displayName: true } },
      agency: { select: { name: true, phone: true } },
      history: { select: { fromStatus: true, toStatus: true, at: true, by: { select: { displayName: true } } }, orderBy: [{ at: 'asc' }, { id: 'asc' }] },
    },
  });
  if (!r) return null;
  // Whether text is held is asked of the database; the ciphertext stays there.
  const [held] = await db.$queryRaw<{ detail: boolean; summary: boolean; outcome: boolean }[]>`
    SELECT reason_detail_enc IS NOT NULL AS detail, summary_enc IS NOT NULL AS summary, outcome_enc IS NOT NULL AS outcome
    FROM referral WHERE id = ${id}::uuid`;
  return {
    ...toRow(r),
    consent: r.consent,
    consentBy: r.consentBy?.displayName ?? null,
    consentAt: r.consentAt?.toISOString() ?? null,
    hasDetail: !!held?.detail,
    hasSummary: !!held?.summary,
    hasOutcome: !!held?.outcome,
    connectedOn: r.connectedOn ? day(r.connectedOn) : null,
    agencyId: r.agencyId,
    agencyPhone: r.agency.phone,
    history: r.history.map((h) => ({ from: h.fromStatus, to: h.toStatus, by: h.by.displayName, at: h.at.toISOString() })),
  };
}

/** Staff who have made referrals, for the filter. Coordinators, outreach and managers. */
export async function referringStaff(actor: Actor): Promise<{ id: string; name: string }[]> {
  assertCan(actor, 'referral:read');
  const rows = await db.staffUser.findMany({
    where: { referralsMade: { some: {} } },
    select: { id: true, displayName: true },
    orderBy: { displayName: 'asc' },
  });
  return rows.map((r) => ({ id: r.id, name: r.displayName }));
}

/** The person a new referral starts with (from their profile); null when unknown, merged or de-identified. Roles with `referral:manage`. */
export async function referralPerson(actor: Actor, id: string | undefined): Promise<{ id: string; alias: string; code: string } | null> {
  assertCan(actor, 'referral:manage');
  if (!isUuid(id)) return null;
  const p = await db.participant.findFirst({ where: { id, mergedIntoId: null, deidentifiedAt: null }, select: { id: true, alias: true, code: true } });
  return p && p.alias ? { id: p.id, alias: p.alias, code: p.code } : null;
}
