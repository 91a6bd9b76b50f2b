import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, CODE_PATTERN, generateParticipantCode, normalizeCode } from './code.ts';

describe('generateParticipantCode', () => {
  it('makes 3+3 characters from the unambiguous alphabet, at random', () => {
    const codes = Array.from({ length: 2000 }, () => generateParticipantCode());
    for (const code of codes) expect(code).toMatch(CODE_PATTERN);
    // 25⁶ possibilities: 2,000 draws in a row all but never repeat, and use the whole alphabet.
    expect(new Set(codes).size).toBeGreaterThan(1990);
    expect(new Set(codes.join('').replace(/-/g, ''))).toEqual(new Set(CODE_ALPHABET));
  });

  it('never uses a look-alike character', () => {
    for (const c of '0O1IL5S2Z8B') expect(CODE_ALPHABET).not.toContain(c);
  });

  it('uses the random source it is given (so a collision can be forced in tests)', () => {
    expect(generateParticipantCode(() => 0)).toBe('AAA-AAA');
    expect(generateParticipantCode(() => 24)).toBe('999-999');
  });

  it('matches the database check constraint', () => {
    expect(CODE_PATTERN.source).toBe('^[ACDEFGHJKMNPQRTUVWXY34679]{3}-[ACDEFGHJKMNPQRTUVWXY34679]{3}$');
  });
});

describe('normalizeCode', () => {
  it('accepts lower case, a missing hyphen and stray spaces', () => {
    for (const input of ['K7Q-4M9', 'k7q-4m9', 'k7q4m9', ' K7Q 4M9 ', 'k7q - 4m9']) expect(normalizeCode(input)).toEqual({ ok: true, code: 'K7Q-4M9' });
  });

  it('refuses a character no code uses, naming it, instead of guessing', () => {
    expect(normalizeCode('K7Q-4M0')).toEqual({ ok: false, message: 'A code never contains “0”. Check the code and try again.' });
    expect(normalizeCode('o7q4m9')).toMatchObject({ ok: false, message: expect.stringContaining('“O”') });
    expect(normalizeCode('K7Q_4M9')).toMatchObject({ ok: false, message: expect.stringContaining('“_”') });
  });

  it('refuses the wrong length', () => {
    expect(normalizeCode('K7Q')).toEqual({ ok: false, message: 'A code has six characters, like K7Q-4M9.' });
    expect(normalizeCode('K7Q-4M9A')).toMatchObject({ ok: false });
    expect(normalizeCode('')).toMatchObject({ ok: false });
  });
});
