// Pure rules for referrals: the words staff see, the status machine and follow-up dates.
// Unit tested in rules.test.ts; the data layer asks these before it writes.

export const CATEGORIES = [
  'health',
  'sexual_health',
  'mental_health',
  'legal_advocacy',
  'shelters',
  'housing',
  'employment_training',
  'culturally_safe',
  'crisis_lines',
  'transitioning_support',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Respectful words (PRODUCT.md principle 6): "transitioning", never "exiting". */
export const CATEGORY_LABELS: Record<Category, string> = {
  health: 'Health',
  sexual_health: 'Sexual health',
  mental_health: 'Mental health',
  legal_advocacy: 'Legal advocacy',
  shelters: 'Shelters',
  housing: 'Housing',
  employment_training: 'Employment and training',
  culturally_safe: 'Culturally safe services',
  crisis_lines: 'Crisis lines',
  transitioning_support: 'Transitioning support',
};

/**
 * What a referral is for: a fixed list, so no words about the person sit in clear (issue 18). Any
 * words beyond it are the optional detail, encrypted. Respectful words: "career change", never "exiting".
 */
export const REASONS = [
  'health',
  'sexual_health',
  'mental_health',
  'substance_use',
  'housing',
  'food_basics',
  'income_benefits',
  'legal',
  'safety',
  'id_documents',
  'work_training',
  'career_change',
  'culture_community',
  'other',
] as const;
export type Reason = (typeof REASONS)[number];

export const REASON_LABELS: Record<Reason, string> = {
  health: 'Health care',
  sexual_health: 'Sexual health',
  mental_health: 'Mental health',
  substance_use: 'Substance use',
  housing: 'Housing or a bed',
  food_basics: 'Food and basics',
  income_benefits: 'Income or benefits',
  legal: 'Legal help',
  safety: 'Safety or violence',
  id_documents: 'ID documents',
  work_training: 'Work or training',
  career_change: 'Career change',
  culture_community: 'Culture and community',
  other: 'Something else',
};

export const STATUSES = ['made', 'connected', 'completed', 'declined_by_person', 'declined_by_agency', 'no_response', 'closed'] as const;
export type ReferralStatus = (typeof STATUSES)[number];

export const STATUS_LABELS: Record<ReferralStatus, string> = {
  made: 'Made',
  connected: 'Connected',
  completed: 'Completed',
  declined_by_person: 'Declined by the person',
  declined_by_agency: 'Declined by the agency',
  no_response: 'No response',
  closed: 'Closed',
};

export const CONSENTS = ['nothing', 'alias_only', 'summary'] as const;
export type Consent = (typeof CONSENTS)[number];
export const CONSENT_LABELS: Record<Consent, string> = {
  nothing: 'Nothing may be shared',
  alias_only: 'Alias only',
  summary: 'A short summary written with the person',
};

/**
 * Where a referral may go next. Made → connected → completed is the hoped-for path; declines and
 * "closed" end it. "No response" can still turn into a connection when the agency calls back.
 * Ended referrals change no more: a new referral is made instead.
 */
export const NEXT: Record<ReferralStatus, readonly ReferralStatus[]> = {
  made: ['connected', 'declined_by_person', 'declined_by_agency', 'no_response', 'closed'],
  connected: ['completed', 'declined_by_person', 'declined_by_agency', 'closed'],
  no_response: ['connected', 'closed'],
  completed: [],
  declined_by_person: [],
  declined_by_agency: [],
  closed: [],
};

/** Still open: its follow-up can fall due. */
export const OPEN_STATUSES: readonly ReferralStatus[] = ['made', 'connected', 'no_response'];

export function isOpen(status: ReferralStatus): boolean {
  return OPEN_STATUSES.includes(status);
}

/** Ends the referral: an outcome note may be written with it. */
export function isFinal(status: ReferralStatus): boolean {
  return NEXT[status].length === 0;
}

/** Null when allowed; otherwise the plain reason for refusing. */
export function transitionProblem(from: ReferralStatus, to: ReferralStatus): string | null {
  if (from === to) return `This referral is already "${STATUS_LABELS[to].toLowerCase()}".`;
  if (NEXT[from].includes(to)) return null;
  if (isFinal(from)) return `This referral has ended (${STATUS_LABELS[from].toLowerCase()}); make a new referral instead.`;
  return `A referral that is "${STATUS_LABELS[from].toLowerCase()}" cannot become "${STATUS_LABELS[to].toLowerCase()}".`;
}

/** Days after the referral date when the follow-up falls, unless staff choose another date. */
export const FOLLOW_UP_DAYS = 7;

/** Adds days to a calendar date written YYYY-MM-DD (no time zone involved). */
export function addDaysTo(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function defaultFollowUp(referredOn: string): string {
  return addDaysTo(referredOn, FOLLOW_UP_DAYS);
}

export function followUpProblem(referredOn: string, followUpOn: string): string | null {
  return followUpOn < referredOn ? 'The follow-up cannot be before the referral date.' : null;
}

/** Due when still open and its follow-up date has come (dates as YYYY-MM-DD, compared as text). */
export function isDue(status: ReferralStatus, followUpOn: string, today: string): boolean {
  return isOpen(status) && followUpOn <= today;
}

/** Longest summary or outcome note (characters); the database bounds the ciphertext to match. */
export const TEXT_MAX = 500;
/** The optional detail beside the reason's category. */
export const REASON_MAX = 120;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An id from a URL that can be looked up (anything else is simply "not found"). */
export function isUuid(value: string | undefined): value is string {
  return !!value && UUID.test(value);
}
