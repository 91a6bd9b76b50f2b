import 'server-only';
import { subDays, subMonths } from 'date-fns';
import type { Prisma } from '@/lib/db/generated/client.ts';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { notFound } from '@/lib/errors.ts';
import { escapeLike, pageWindow, type TableParams } from '@/lib/table/params.ts';
import { normalizeCode } from './code.ts';
import { ageRange, editRefusal, programYear, seesParticipantDetails, type AgeRange } from './rules.ts';
import { PARTICIPANT_TABLE, participantId, type ParticipantData, type ParticipantSort } from './schema.ts';
import { formatDate, programNow } from '@/lib/calendar/index.ts';

// Reads of participant records. Peers get alias, code and last seen; the other fields are read
// only for the roles trusted with them. Sensitive fields are never read here (see sensitive.ts).

type ListParams = TableParams<ParticipantSort, typeof PARTICIPANT_TABLE.filters>;

export type ParticipantRow = {
  id: string;
  alias: string | null;
  code: string;
  /** The program's day of the last visit, formatted here: see lib/calendar. */
  lastSeenOn: string | null;
  /** Null for peers, who see alias, code and last seen only. */
  visitCount: number | null;
  deidentified: boolean;
};

function parseId(id: unknown): string {
  const parsed = participantId.safeParse(id);
  if (!parsed.success) throw notFound('That participant');
  return parsed.data;
}

function listWhere(actor: Actor, params: ListParams, now: Date): Prisma.ParticipantWhereInput[] {
  const f = params.filters;
  const and: Prisma.ParticipantWhereInput[] = [{ mergedIntoId: null }];
  if (f.records !== 'all') and.push({ deidentifiedAt: f.records === 'deidentified' ? { not: null } : null });
  if (f.seen) and.push({ lastSeenAt: { gte: f.seen === '30d' ? subDays(now, 30) : subMonths(now, 6) } });
  // Peers do not see who travels for work, so they cannot filter on it either.
  if (f.travelling && seesParticipantDetails(actor)) and.push({ travelling: f.travelling });
  if (params.q) {
    const like = escapeLike(params.q);
    const code = normalizeCode(params.q);
    and.push({
      OR: [{ alias: { contains: like, mode: 'insensitive' } }, { code: { contains: like.toUpperCase() } }, ...(code.ok ? [{ code: code.code }] : [])],
    });
  }
  return and;
}

const SORT_COLUMN = { alias: 'alias', lastSeen: 'lastSeenAt', visits: 'visitCount' } as const;

/**
 * One page of participants. Roles with `participant:read`. Paging is OFFSET over the (column, id)
 * indexes, ties broken by id in the same direction so one index serves the whole order. Alias
 * and last seen can be empty (de-identified, never visited): those rows come last in both
 * directions, read as a second index range, because a btree scanned backwards would put them first.
 */
export async function listParticipants(actor: Actor, params: ListParams, now = programNow()): Promise<{ rows: ParticipantRow[]; total: number; page: number }> {
  assertCan(actor, 'participant:read');
  const details = seesParticipantDetails(actor);
  const sort = !details && params.sort === 'visits' ? PARTICIPANT_TABLE.defaultSort : params.sort;
  const column = SORT_COLUMN[sort];
  const dir = params.dir;
  const where = listWhere(actor, params, now);
  const counts = await db.participant.aggregate({ where: { AND: where }, _count: { _all: true, [column]: true } });
  const total = counts._count._all;
  const filled = (counts._count as Record<string, number>)[column] ?? total;
  const { page, skip, take } = pageWindow(total, params.page, params.pageSize);
  const select = { id: true, alias: true, code: true, lastSeenAt: true, ...(details ? { visitCount: true, deidentifiedAt: true } : {}) } as const;
  const nullable = column !== 'visitCount';
  const rows =
    skip < filled
      ? await db.participant.findMany({
          where: { AND: nullable ? [...where, { [column]: { not: null } }] : where },
          select,
          orderBy: [{ [column]: dir }, { id: dir }],
          skip,
          take,
        })
      : [];
  if (nullable && rows.length < take && filled < total) {
    const empty = await db.participant.findMany({
      where: { AND: [...where, { [column]: null }] },
      select,
      orderBy: { id: dir },
      skip: Math.max(0, skip - filled),
      take: take - rows.length,
    });
    rows.push(...empty);
  }
  return { rows: rows.map(toRow), total, page };
}

type ListRecord = { id: string; alias: string | null; code: string; lastSeenAt: Date | null; visitCount?: number; deidentifiedAt?: Date | null };

function toRow(r: ListRecord): ParticipantRow {
  return {
    id: r.id,
    alias: r.alias,
    code: r.code,
    lastSeenOn: lastSeenOn(r.lastSeenAt),
    // What peers may not see is not selected for them in the first place.
    visitCount: r.visitCount ?? null,
    deidentified: !!r.deidentifiedAt || r.alias === null,
  };
}

/** The program's day of a last visit, for client components, which must not format instants themselves. */
export function lastSeenOn(at: Date | null): string | null {
  return at ? formatDate(at.toISOString()) : null;
}

export type SimilarAlias = { id: string; alias: string; code: string; lastSeenOn: string | null };

/**
 * Up to five current records whose alias looks like `alias` (pg_trgm similarity above 0.3, the
 * `%` operator, served by the trigram index), most alike first: the create form's duplicate
 * hint. Roles with `participant:create`.
 */
export async function findSimilarAliases(actor: Actor, alias: string): Promise<SimilarAlias[]> {
  assertCan(actor, 'participant:create');
  const text = alias.normalize('NFC').trim().slice(0, 60);
  if ([...text].length < 2) return [];
  const rows = await db.$queryRaw<{ id: string; alias: string; code: string; last_seen_at: Date | null }[]>`
    SELECT id::text AS id, alias, code, last_seen_at FROM participant
    WHERE alias % ${text} AND merged_into_id IS NULL AND deidentified_at IS NULL
    ORDER BY similarity(alias, ${text}) DESC, last_seen_at DESC NULLS LAST, id
    LIMIT 5`;
  return rows.map((r) => ({ id: r.id, alias: r.alias, code: r.code, lastSeenOn: lastSeenOn(r.last_seen_at) }));
}

// The optional answers, as stored. Read for the profile and the edit form, never for peers.
const answersSelect = {
  birthYear: true,
  birthYearState: true,
  gender: true,
  genderSelfDescribed: true,
  indigenousIdentity: true,
  pronouns: true,
  pronounsState: true,
  language: true,
  languageState: true,
  homeCommunity: true,
  homeCommunityState: true,
  travelling: true,
} as const;
export type ParticipantAnswers = Omit<ParticipantData, 'alias' | 'safeContact' | 'notes'>;

export type ParticipantDetails = ParticipantAnswers & {
  ageRange: AgeRange | null;
  consentAt: string;
  consentBy: string;
  lastSeenAt: string | null;
  visitCount: number;
  hasSafeContact: boolean;
  hasNotes: boolean;
};

export type ParticipantProfile = {
  id: string;
  code: string;
  /** Null once de-identified. */
  alias: string | null;
  deidentified: boolean;
  mergedInto: { id: string; alias: string | null; code: string } | null;
  /** Null for peers: they see alias and code only. */
  details: ParticipantDetails | null;
};

/** One participant for the profile page. Roles with `participant:read`; peers get alias and code only. Unknown or malformed id: not found. */
export async function getParticipantProfile(actor: Actor, id: unknown): Promise<ParticipantProfile> {
  assertCan(actor, 'participant:read');
  const pid = parseId(id);
  const base = { id: true, code: true, alias: true, deidentifiedAt: true, mergedInto: { select: { id: true, alias: true, code: true } } } as const;
  if (!seesParticipantDetails(actor)) {
    const row = await db.participant.findUnique({ where: { id: pid }, select: base });
    if (!row) throw notFound('That participant');
    return { id: row.id, code: row.code, alias: row.alias, deidentified: !!row.deidentifiedAt, mergedInto: row.mergedInto, details: null };
  }
  const row = await db.participant.findUnique({
    where: { id: pid },
    select: {
      ...base,
      ...answersSelect,
      consentAt: true,
      consentBy: { select: { displayName: true } },
      lastSeenAt: true,
      visitCount: true,
    },
  });
  if (!row) throw notFound('That participant');
  // Only whether they are there: the ciphertext stays in the database until someone asks.
  const present = await sensitivePresence(pid);
  const { deidentifiedAt, mergedInto, consentAt, consentBy, lastSeenAt, visitCount, ...answers } = row;
  return {
    id: row.id,
    code: row.code,
    alias: row.alias,
    deidentified: !!deidentifiedAt,
    mergedInto,
    details: {
      ...pickAnswers(answers),
      ageRange: row.birthYear ? ageRange(row.birthYear, programYear()) : null,
      consentAt: consentAt.toISOString(),
      consentBy: consentBy.displayName,
      lastSeenAt: lastSeenAt?.toISOString() ?? null,
      visitCount,
      ...present,
    },
  };
}

async function sensitivePresence(id: string): Promise<{ hasSafeContact: boolean; hasNotes: boolean }> {
  const [row] = await db.$queryRaw<{ s: boolean; n: boolean }[]>`
    SELECT safe_contact_enc IS NOT NULL AS s, EXISTS (SELECT 1 FROM participant_note WHERE participant_id = ${id}::uuid) AS n FROM participant WHERE id = ${id}::uuid`;
  return { hasSafeContact: !!row?.s, hasNotes: !!row?.n };
}

function pickAnswers<T extends ParticipantAnswers>(row: T): ParticipantAnswers {
  const out = {} as Record<string, unknown>;
  for (const key of Object.keys(answersSelect)) out[key] = row[key as keyof ParticipantAnswers];
  return out as ParticipantAnswers;
}

export type ParticipantForEdit = ParticipantAnswers & {
  id: string;
  code: string;
  alias: string | null;
  hasSafeContact: boolean;
  hasNotes: boolean;
  /** Why the record cannot be edited (de-identified, merged), or null. */
  refusal: string | null;
};

/** One participant as the edit form needs it, without the sensitive fields. Roles with `participant:update`. */
export async function getParticipantForEdit(actor: Actor, id: unknown): Promise<ParticipantForEdit> {
  assertCan(actor, 'participant:update');
  const pid = parseId(id);
  const row = await db.participant.findUnique({
    where: { id: pid },
    select: { id: true, code: true, alias: true, deidentifiedAt: true, mergedIntoId: true, ...answersSelect },
  });
  if (!row) throw notFound('That participant');
  return { id: row.id, code: row.code, alias: row.alias, ...pickAnswers(row), ...(await sensitivePresence(pid)), refusal: editRefusal(row) };
}
