import type { Prisma } from '@/lib/db/generated/client.ts';
import { decryptSafeContact, encryptSafeContact } from './sensitive.ts';
import { formatDate } from '@/lib/calendar/index.ts';

// What a merge does to the two records' own fields. The rule: the kept record wins wherever it
// has an answer ("prefers not to answer" is an answer); a question it never asked takes the
// merged record's answer. Nothing written about the person is dropped: the merged record's dated
// notes move with everything else, and its safe contact, when the kept record has a different
// one, becomes a new note on the kept record.

export const MERGE_ANSWER_SELECT = {
  id: true,
  code: true,
  mergedIntoId: true,
  deidentifiedAt: true,
  lastActivityAt: true,
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
  safeContactEnc: true,
} as const satisfies Prisma.ParticipantSelect;

export type MergeSide = Prisma.ParticipantGetPayload<{ select: typeof MERGE_ANSWER_SELECT }>;
type Answers = Omit<MergeSide, 'id' | 'code' | 'mergedIntoId' | 'deidentifiedAt' | 'lastActivityAt' | 'safeContactEnc'>;

const TEXT_ANSWERS = [
  ['pronouns', 'pronounsState'],
  ['language', 'languageState'],
  ['homeCommunity', 'homeCommunityState'],
] as const;

/** The answers to copy onto the kept record: only questions it never asked, that the merged record did. */
export function mergedAnswers(kept: Answers, merged: Answers): Partial<Answers> {
  const out: Partial<Answers> = {};
  if (kept.birthYearState === 'not_asked' && merged.birthYearState !== 'not_asked') {
    Object.assign(out, { birthYear: merged.birthYear, birthYearState: merged.birthYearState });
  }
  if (kept.gender === null && merged.gender !== null) Object.assign(out, { gender: merged.gender, genderSelfDescribed: merged.genderSelfDescribed });
  if (kept.indigenousIdentity === null && merged.indigenousIdentity !== null) out.indigenousIdentity = merged.indigenousIdentity;
  for (const [field, state] of TEXT_ANSWERS) {
    if (kept[state] === 'not_asked' && merged[state] !== 'not_asked') Object.assign(out, { [field]: merged[field], [state]: merged[state] });
  }
  if (kept.travelling === null && merged.travelling !== null) out.travelling = merged.travelling;
  return out;
}

type Sensitive = { safeContact: string | null };

/**
 * The kept record's safe contact after a merge (plain text), and what to add to its notes. Its own
 * safe contact stays; if it has none it takes the merged one. A different merged safe contact is
 * kept as a note under a heading naming the merged record's code.
 */
export function combineSensitive(kept: Sensitive, merged: Sensitive, heading: string): { safeContact: string | null; carriedNote: string | null } {
  const safeContact = kept.safeContact ?? merged.safeContact;
  const differs = kept.safeContact && merged.safeContact && merged.safeContact !== kept.safeContact;
  return { safeContact, carriedNote: differs ? `${heading}\nSafe contact: ${merged.safeContact}` : null };
}

/** The kept record's new safe contact (re-encrypted under its own id, only if it changes) and a note to add, if any. */
export function mergedSensitive(
  kept: MergeSide,
  merged: MergeSide,
  now: Date,
): { update: { safeContactEnc?: Uint8Array<ArrayBuffer> | null }; carriedNote: string | null } {
  const before = decryptSafeContact(kept.id, kept);
  const after = combineSensitive(
    { safeContact: before },
    { safeContact: decryptSafeContact(merged.id, merged) },
    `From record ${merged.code}, merged on ${formatDate(now.toISOString())}:`,
  );
  return { update: after.safeContact !== before ? encryptSafeContact(kept.id, after.safeContact) : {}, carriedNote: after.carriedNote };
}

/** The merged record afterwards: its code and a pointer to the kept record; every answer and text erased. */
export const TOMBSTONE = {
  alias: null,
  birthYear: null,
  birthYearState: 'not_asked',
  gender: null,
  genderSelfDescribed: null,
  indigenousIdentity: null,
  pronouns: null,
  pronounsState: 'not_asked',
  language: null,
  languageState: 'not_asked',
  homeCommunity: null,
  homeCommunityState: 'not_asked',
  travelling: null,
  safeContactEnc: null,
  notesEnc: null,
} as const satisfies Prisma.ParticipantUncheckedUpdateInput;
