import { randomInt } from 'node:crypto';

// Participant codes: three and three characters, e.g. K7Q-4M9. The alphabet leaves out the
// characters that read like another (0/O, 1/I/L, 5/S, 2/Z, 8/B), so a code read aloud or
// copied from a card is hard to get wrong. The database's participant_code_format
// check holds the same alphabet. Codes are drawn at random, never in sequence: a code says
// nothing about when or in what order someone was registered.
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';
const HALF = 3;
export const CODE_PATTERN = new RegExp(`^[${CODE_ALPHABET}]{${HALF}}-[${CODE_ALPHABET}]{${HALF}}$`);

/** A fresh random code; `pick` is injectable so tests can force a collision. */
export function generateParticipantCode(pick: (n: number) => number = randomInt): string {
  const half = () => Array.from({ length: HALF }, () => CODE_ALPHABET[pick(CODE_ALPHABET.length)]).join('');
  return `${half()}-${half()}`;
}

export type NormalizedCode = { ok: true; code: string } | { ok: false; message: string };

/**
 * Reads a code as staff type it: any case, with or without the hyphen, spaces ignored. A
 * character the alphabet never uses is refused by name rather than guessed at (an "O" might be
 * a "D" or a "Q"), so the person checks the card instead of landing on someone else's record.
 */
export function normalizeCode(input: string): NormalizedCode {
  const compact = input.normalize('NFKC').toUpperCase().replace(/[\s-]/g, '');
  const stranger = [...compact].find((c) => !CODE_ALPHABET.includes(c));
  if (stranger) return { ok: false, message: `A code never contains “${stranger}”. Check the code and try again.` };
  if (compact.length !== HALF * 2) return { ok: false, message: 'A code has six characters, like K7Q-4M9.' };
  return { ok: true, code: `${compact.slice(0, HALF)}-${compact.slice(HALF)}` };
}
