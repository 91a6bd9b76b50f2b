import { z } from 'zod';
import { defineTable } from '@/lib/table/params.ts';
import { longText, uuidOf } from '@/lib/validation.ts';
import { GENDERS, INDIGENOUS_IDENTITIES } from './labels.ts';
import { birthYearBounds } from './rules.ts';

// Input rules for participant records, shared by the form and the data layer. A form posts
// strings; these turn them into what the table stores: each optional answer is either not asked
// (empty), "prefers not to answer" (a checkbox, or the select's last choice) or the answer.

export const ALIAS_MAX = 60; // the participant_alias_check constraint
export const TEXT_MAX = { pronouns: 40, language: 60, homeCommunity: 80, genderSelfDescribed: 60, safeContact: 500, notes: 4000 } as const;
export const PARTICIPANT_NOT_FOUND = 'That participant was not found.';
const SPECIAL = 'Remove the special characters.';

// Control characters, line breaks and the invisible characters that reorder or hide text. An
// alias may hold "<" or "&": it is data, always shown as text, never markup.
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/;
const chars = (v: string) => [...v].length; // as PostgreSQL's length() counts

const text = (error: string) => z.string({ error }).transform((v) => v.normalize('NFC').trim());

export const aliasField = text('Enter an alias.')
  .refine((v) => v.length > 0, 'Enter an alias.')
  .refine((v) => chars(v) <= ALIAS_MAX, `Keep the alias to ${ALIAS_MAX} characters or fewer.`)
  .refine((v) => !INVISIBLE.test(v), SPECIAL);

function optionalLine(label: string, max: number) {
  return text(`Enter ${label} as text.`)
    .refine((v) => chars(v) <= max, `Keep ${label} to ${max} characters or fewer.`)
    .refine((v) => !INVISIBLE.test(v), SPECIAL)
    .optional()
    .default('');
}

const flag = z
  .unknown()
  .optional()
  .transform((v) => v === 'on' || v === true || v === 'true');
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .enum(['', ...values, 'declined'] as [string, ...string[]], { error: 'Choose one of the options.' })
    .optional()
    .default('');

export const participantId = uuidOf(PARTICIPANT_NOT_FOUND);

const fields = {
  alias: aliasField,
  birthYear: text('Enter a year, like 1990.').optional().default(''),
  birthYearDeclined: flag,
  gender: choice(GENDERS),
  genderSelfDescribed: optionalLine('their own words', TEXT_MAX.genderSelfDescribed),
  indigenousIdentity: choice(INDIGENOUS_IDENTITIES),
  pronouns: optionalLine('pronouns', TEXT_MAX.pronouns),
  pronounsDeclined: flag,
  language: optionalLine('the language', TEXT_MAX.language),
  languageDeclined: flag,
  homeCommunity: optionalLine('the home community', TEXT_MAX.homeCommunity),
  homeCommunityDeclined: flag,
  travelling: choice(['yes', 'no'] as const),
  safeContact: longText('the safe contact', TEXT_MAX.safeContact).optional().default(''),
};
// The create form's notes become the record's first dated entry (kind "note"); later entries are
// added on the participant page (lib/participants/notes.ts), so the edit form has none.
const firstNote = longText('the notes', TEXT_MAX.notes).optional().default('');
type RawFields = z.infer<z.ZodObject<typeof fields>> & { notes?: string };

export type AnswerState = 'not_asked' | 'declined' | 'answered';
const DECLINABLE = ['pronouns', 'language', 'homeCommunity'] as const;

/** What the participant table stores, before encryption. Null means "not asked" or empty. */
export type ParticipantData = {
  alias: string;
  birthYear: number | null;
  birthYearState: AnswerState;
  gender: (typeof GENDERS)[number] | 'declined' | null;
  genderSelfDescribed: string | null;
  indigenousIdentity: (typeof INDIGENOUS_IDENTITIES)[number] | 'declined' | null;
  pronouns: string | null;
  pronounsState: AnswerState;
  language: string | null;
  languageState: AnswerState;
  homeCommunity: string | null;
  homeCommunityState: AnswerState;
  travelling: 'yes' | 'no' | 'declined' | null;
  safeContact: string | null;
  /** The create form's first note; always null on an edit. */
  notes: string | null;
};

function crossCheck(raw: RawFields, ctx: z.RefinementCtx) {
  const empty = 'Leave this empty when they prefer not to answer.';
  for (const key of ['birthYear', ...DECLINABLE] as const) {
    if (raw[`${key}Declined`] && raw[key]) ctx.addIssue({ code: 'custom', path: [key], message: empty });
  }
  if (raw.birthYear && !raw.birthYearDeclined) {
    const { min, max } = birthYearBounds();
    const year = /^\d{4}$/.test(raw.birthYear) ? Number(raw.birthYear) : NaN;
    if (!(year >= min && year <= max)) ctx.addIssue({ code: 'custom', path: ['birthYear'], message: `Enter a year between ${min} and ${max}, like 1990.` });
  }
  if (raw.gender === 'self_described' && !raw.genderSelfDescribed) {
    ctx.addIssue({ code: 'custom', path: ['genderSelfDescribed'], message: 'Enter their own words, or choose another answer.' });
  }
}

const state = (declined: boolean, value: string): AnswerState => (declined ? 'declined' : value ? 'answered' : 'not_asked');
const orNull = <T extends string>(v: T | '') => (v === '' ? null : v);

/** A checked form, as the participant table's columns. */
export function toParticipantData(raw: RawFields): ParticipantData {
  const declinable = Object.fromEntries(
    DECLINABLE.flatMap((k) => [
      [k, raw[`${k}Declined`] ? null : orNull(raw[k])],
      [`${k}State`, state(raw[`${k}Declined`], raw[k])],
    ]),
  ) as Pick<ParticipantData, (typeof DECLINABLE)[number] | `${(typeof DECLINABLE)[number]}State`>;
  return {
    alias: raw.alias,
    birthYear: raw.birthYear && !raw.birthYearDeclined ? Number(raw.birthYear) : null,
    birthYearState: state(raw.birthYearDeclined, raw.birthYear),
    gender: orNull(raw.gender) as ParticipantData['gender'],
    // Their own words only count with that choice; other text in the box is dropped.
    genderSelfDescribed: raw.gender === 'self_described' ? raw.genderSelfDescribed : null,
    indigenousIdentity: orNull(raw.indigenousIdentity) as ParticipantData['indigenousIdentity'],
    ...declinable,
    travelling: orNull(raw.travelling) as ParticipantData['travelling'],
    safeContact: orNull(raw.safeContact),
    notes: orNull(raw.notes ?? ''),
  };
}

const CONSENT_NEEDED = 'A named record needs the person’s agreement. Without it, log an anonymous visit instead.';

// The schemas check and tidy (trim, NFC) but keep the form's shape, so the action's parse and the
// data layer's own parse of the same input agree; toParticipantData then maps it to columns.
export const CreateParticipantSchema = z.object({ ...fields, notes: firstNote, consent: flag.refine((v) => v, CONSENT_NEEDED) }).superRefine(crossCheck);

/** `sensitive` is "replace" only when the form showed the safe contact (after it was revealed). */
export const UpdateParticipantSchema = z
  .object({ ...fields, id: participantId, sensitive: z.enum(['keep', 'replace']).optional().default('keep') })
  .superRefine(crossCheck);

export const ParticipantIdSchema = z.object({ id: participantId });

/** The duplicate hint's input: what has been typed in the alias box so far. */
export const SimilarAliasSchema = z.object({
  alias: z
    .string()
    .max(200)
    .transform((v) => v.normalize('NFC').trim()),
});

/** The participants list's URL state. Search text is not here: it stays in a cookie (see SEARCH_COOKIE). */
export const PARTICIPANT_TABLE = defineTable({
  sortable: ['lastSeen', 'alias', 'visits'],
  defaultSort: 'lastSeen',
  defaultDir: 'desc',
  pageSizes: [25, 50, 100],
  filters: {
    seen: z.enum(['30d', '6m']),
    travelling: z.enum(['yes', 'no']),
    records: z.enum(['deidentified', 'all']),
  },
});
export type ParticipantSort = (typeof PARTICIPANT_TABLE.sortable)[number];

/** Where the list's search text lives between requests: httpOnly, SameSite=Strict, this path only, ten minutes. */
export const SEARCH_COOKIE = { name: 'lantern_participants_q', path: '/participants', maxAge: 600 } as const;

export { parseOrRefuse } from '@/lib/validation.ts';
