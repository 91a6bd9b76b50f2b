import 'server-only';
import { Prisma } from '@/lib/db/generated/client.ts';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { escapeLike } from '@/lib/table/params.ts';

// The front desk's "who is this?": two or three characters of an alias or a code, answered from
// the pg_trgm GIN indexes on participant.alias and participant.code (migration front_desk).

export type ParticipantMatch = { id: string; alias: string; code: string; lastSeenAt: Date | null };

export const SEARCH_MIN_LENGTH = 2;
const SEARCH_MAX_LENGTH = 60; // the longest alias
const MAX_LIMIT = 50;
const CODE_CHARACTERS = /^[ACDEFGHJKMNPQRTUVWXY34679]{1,6}$/;

export type SearchPatterns = {
  /** ILIKE patterns for the alias: anywhere in it, and at its start. */
  contains: string;
  startsWith: string;
  /** LIKE pattern for the code (stored upper case as K7Q-4M9), or null when the text cannot start a code. */
  code: string | null;
  /** Whether each step can use the trigram indexes: a trigram needs letters or digits to hold on to. */
  prefixIndexed: boolean;
  substringIndexed: boolean;
};

/** What to look for, or null when the text is too short to search. Pure, so the rules are unit tested. */
export function searchPatterns(text: string): SearchPatterns | null {
  const trimmed = text.trim().slice(0, SEARCH_MAX_LENGTH);
  if (trimmed.length < SEARCH_MIN_LENGTH) return null;
  const escaped = escapeLike(trimmed);
  // "k7q4", "K7Q-4" and "k7q 4m9" all start the code K7Q-4M9.
  const bare = trimmed.replace(/[\s-]/g, '').toUpperCase();
  const code = bare.length >= SEARCH_MIN_LENGTH && CODE_CHARACTERS.test(bare) ? `${bare.length > 3 ? `${bare.slice(0, 3)}-${bare.slice(3)}` : bare}%` : null;
  return {
    contains: `%${escaped}%`,
    startsWith: `${escaped}%`,
    code,
    prefixIndexed: /^[\p{L}\p{N}]/u.test(trimmed),
    substringIndexed: /[\p{L}\p{N}]{3}/u.test(trimmed),
  };
}

/**
 * Participants whose alias contains the text (case-insensitive) or whose code starts with it
 * (hyphen optional): alias or code prefix matches first, then the most recently seen. De-identified
 * and merged-away records never match. Anyone who may see participants (`participant:read`); the
 * answer holds alias and code only, which peers may see.
 */
export async function searchParticipants(actor: Actor, text: string, limit = 8): Promise<ParticipantMatch[]> {
  assertCan(actor, 'participant:read');
  const patterns = typeof text === 'string' ? searchPatterns(text) : null;
  if (!patterns) return [];
  const take = Math.min(Math.max(Math.trunc(limit) || 1, 1), MAX_LIMIT);
  const rows = await db.$transaction(async (tx) => {
    // PostgreSQL's planner prices a pg_trgm GIN scan above reading the whole table and picks the
    // latter: ~20 ms on 50,000 people instead of 1–5 ms. Within this transaction only, steer it
    // to the index wherever the text gives the index something to look up.
    const steer = (indexed: boolean) => tx.$executeRaw`SELECT set_config('enable_seqscan', ${indexed ? 'off' : 'on'}, true)`;
    await steer(patterns.prefixIndexed);
    const first = await tx.$queryRaw<Row[]>(prefixQuery(patterns, take));
    if (first.length >= take) return first;
    // Two letters hold no trigram for "anywhere in the alias": that second step reads the table,
    // and runs only when fewer prefix matches than asked for exist (rare among 50,000 people).
    if (patterns.substringIndexed !== patterns.prefixIndexed) await steer(patterns.substringIndexed);
    return [...first, ...(await tx.$queryRaw<Row[]>(substringQuery(patterns, take - first.length)))];
  });
  return rows.map((r) => ({ id: r.id, alias: r.alias, code: r.code, lastSeenAt: r.last_seen_at }));
}

type Row = { id: string; alias: string; code: string; last_seen_at: Date | null };

const OPEN = Prisma.sql`deidentified_at IS NULL AND merged_into_id IS NULL`;
const ORDER = Prisma.sql`ORDER BY last_seen_at DESC NULLS LAST, alias, id`;

function prefixMatch(patterns: SearchPatterns): Prisma.Sql {
  const alias = Prisma.sql`alias ILIKE ${patterns.startsWith}`;
  return patterns.code ? Prisma.sql`(${alias} OR code LIKE ${patterns.code})` : alias;
}

/** First step: aliases or codes starting with the text. Apart (like the next) so a test can EXPLAIN it. */
export function prefixQuery(patterns: SearchPatterns, take: number): Prisma.Sql {
  return Prisma.sql`SELECT id::text AS id, alias, code, last_seen_at FROM participant
    WHERE ${OPEN} AND ${prefixMatch(patterns)} ${ORDER} LIMIT ${take}`;
}

/** Second step: aliases with the text further in, that the first step did not return. */
export function substringQuery(patterns: SearchPatterns, take: number): Prisma.Sql {
  return Prisma.sql`SELECT id::text AS id, alias, code, last_seen_at FROM participant
    WHERE ${OPEN} AND alias ILIKE ${patterns.contains} AND NOT ${prefixMatch(patterns)} ${ORDER} LIMIT ${take}`;
}
