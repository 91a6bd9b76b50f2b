import type { AgeRange } from './rules.ts';

// Words for every coded value, used by the forms, the profile and reports. Written the way the
// community speaks: plain, warm, and never more than the person chose to say.

export const NOT_ASKED = 'Not asked';
export const DECLINED = 'Prefers not to answer';

export const GENDERS = ['woman', 'man', 'trans_woman', 'trans_man', 'non_binary', 'two_spirit', 'self_described'] as const;
export type Gender = (typeof GENDERS)[number];
export const GENDER_LABELS: Record<Gender | 'declined', string> = {
  woman: 'Woman',
  man: 'Man',
  trans_woman: 'Trans woman',
  trans_man: 'Trans man',
  non_binary: 'Non-binary',
  two_spirit: 'Two-Spirit',
  self_described: 'In their own words',
  declined: DECLINED,
};

export const INDIGENOUS_IDENTITIES = ['first_nations', 'metis', 'inuit', 'none'] as const;
export type IndigenousIdentity = (typeof INDIGENOUS_IDENTITIES)[number];
export const INDIGENOUS_LABELS: Record<IndigenousIdentity | 'declined', string> = {
  first_nations: 'First Nations',
  metis: 'Métis',
  inuit: 'Inuit',
  none: 'Not Indigenous',
  declined: DECLINED,
};

export const TRAVELLING_LABELS: Record<'yes' | 'no' | 'declined', string> = {
  yes: 'Yes, travels for work',
  no: 'No',
  declined: DECLINED,
};

export const AGE_RANGE_LABELS: Record<AgeRange, string> = {
  under_25: 'Under 25',
  '25_34': '25 to 34',
  '35_44': '35 to 44',
  '45_54': '45 to 54',
  '55_plus': '55 and over',
};

/** Field names as people read them: the timeline's "details changed" line and the audit log's field lists. */
export const FIELD_LABELS: Record<string, string> = {
  alias: 'alias',
  birthYear: 'year of birth',
  gender: 'gender identity',
  indigenousIdentity: 'Indigenous identity',
  pronouns: 'pronouns',
  language: 'preferred language',
  homeCommunity: 'home community',
  travelling: 'travelling worker',
  safeContact: 'safe contact',
  notes: 'notes',
};

/** Choices for a select that also offers "not asked" (empty) and "prefers not to answer". */
export function answerOptions<K extends string>(labels: Record<K | 'declined', string>, values: readonly K[]) {
  return [{ value: '', label: NOT_ASKED }, ...values.map((v) => ({ value: v as string, label: labels[v] })), { value: 'declined', label: DECLINED }];
}
