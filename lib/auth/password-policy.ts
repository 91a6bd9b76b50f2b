import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';

// What makes a new password acceptable (NIST 800-63B §3.1.1.2, ASVS 5.0 V6.2): long enough, not
// on a list of common passwords even when dressed up (case, digits and symbols at the ends, l33t
// letters), not built on the person's own name or email, and estimated hard to guess by zxcvbn-ts.
// No composition rules and no forced rotation. Pure: used by the forms' schema and the data layer.

export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;
/** zxcvbn's top score: about 10^10 guesses or more. Score 3 let `Lantern2026lantern` through. */
export const MIN_STRENGTH_SCORE = 4;
/**
 * Words anyone guessing a Lantern password would try first (ASVS 5.0 6.1.2, 6.2.11): the product,
 * the program and its place, its services and its roles. zxcvbn counts a password built on them as
 * easy to guess.
 */
export const PROGRAM_WORDS = [
  'lantern',
  'shop',
  'kamloops',
  'outreach',
  'dropin',
  'drop-in',
  'safesuite',
  'safe suite',
  'showers',
  'laundry',
  'coordinator',
  'manager',
  'peer',
  'admin',
  'itsupport',
  'staff',
];

export const PASSWORD_MESSAGES = {
  short: `Use at least ${MIN_PASSWORD_LENGTH} characters.`,
  long: `Use at most ${MAX_PASSWORD_LENGTH} characters.`,
  common: 'That password is too common. Try a few unrelated words.',
  personal: 'Leave your name and email out of your password.',
  weak: 'That password would be easy to guess. Try four or more unrelated words.',
} as const;

// Letters people swap for look-alikes. Some have two readings (1 is i or l), so both are tried.
const LEET: Record<string, string[]> = {
  '0': ['o'],
  '1': ['i', 'l'],
  '2': ['z'],
  '3': ['e'],
  '4': ['a'],
  '5': ['s'],
  '6': ['g'],
  '7': ['t'],
  '8': ['b'],
  '9': ['g'],
  '@': ['a'],
  $: ['s'],
  '!': ['i', 'l'],
  '|': ['l', 'i'],
  '+': ['t'],
  '(': ['c'],
  '€': ['e'],
};

function unleet(text: string, reading: 0 | 1): string {
  return [...text].map((c) => LEET[c]?.[Math.min(reading, LEET[c]!.length - 1)] ?? c).join('');
}

/**
 * The forms a password may be a dressed-up version of: lower case, with the digits and symbols
 * at either end taken off (`Password123!` is `password`), and with l33t letters read back
 * (`P@ssw0rd` is `password`), in both readings of the ambiguous ones.
 */
export function normalisedForms(password: string): string[] {
  const lower = password.normalize('NFKC').toLowerCase();
  const stripped = lower.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');
  const forms = new Set([lower, stripped]);
  for (const reading of [0, 1] as const) {
    const decoded = unleet(lower, reading);
    forms.add(decoded);
    forms.add(decoded.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, ''));
    // Strip the ends first, then read the l33t inside: `p@ssw0rd2026!` is `password`.
    forms.add(unleet(stripped, reading));
  }
  forms.delete('');
  return [...forms];
}

let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** True when the password, in any of its normalised forms, is on the common-passwords list. */
export function isCommonPassword(password: string): boolean {
  const list = commonPasswords();
  return normalisedForms(password).some((form) => list.has(form));
}

export type PasswordOwner = { displayName?: string; email?: string };

/** The parts of a person's name and email a password must not contain (3 letters or more). */
export function personalWords(owner: PasswordOwner): string[] {
  const [local = '', domain = ''] = (owner.email ?? '').toLowerCase().split('@');
  const words = [...(owner.displayName ?? '').toLowerCase().split(/[^\p{L}\p{N}]+/u), local, ...local.split(/[^\p{L}\p{N}]+/u), domain.split('.')[0] ?? ''];
  return [...new Set(words.filter((w) => w.length >= 3))];
}

let estimator: ZxcvbnFactory | undefined;
/** zxcvbn's score (0–4) for this password, knowing the person's words and the program's. */
export function strengthScore(password: string, owner: PasswordOwner = {}): number {
  estimator ??= new ZxcvbnFactory({ graphs: adjacencyGraphs, dictionary, maxLength: MAX_PASSWORD_LENGTH });
  return estimator.check(password, [...PROGRAM_WORDS, ...personalWords(owner)]).score;
}

/** The reason a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, owner: PasswordOwner = {}): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return PASSWORD_MESSAGES.short;
  if ([...password].length > MAX_PASSWORD_LENGTH) return PASSWORD_MESSAGES.long;
  if (isCommonPassword(password)) return PASSWORD_MESSAGES.common;
  const forms = normalisedForms(password);
  if (personalWords(owner).some((word) => forms.some((form) => form.includes(word)))) return PASSWORD_MESSAGES.personal;
  if (strengthScore(password, owner) < MIN_STRENGTH_SCORE) return PASSWORD_MESSAGES.weak;
  return null;
}
