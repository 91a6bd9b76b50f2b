import { describe, expect, it } from 'vitest';
import { isCommonPassword, normalisedForms, passwordProblem, PASSWORD_MESSAGES, personalWords } from './password-policy.ts';

describe('the common-password list, dressed up or not', () => {
  it.each([
    'password123456',
    'PASSWORD123456',
    'Password2026!',
    '!!password!!',
    'P@ssw0rd2026',
    'p4ssw0rd!!!!',
    '123456789012',
    'qwertyuiop12',
    'Iloveyou1234',
    '1l0v3y0u2026',
  ])('%s is refused as common', (password) => {
    expect(isCommonPassword(password)).toBe(true);
    expect(passwordProblem(password)).toBe(PASSWORD_MESSAGES.common);
  });

  it('reads digits and symbols at the ends off, and l33t letters back, in both readings', () => {
    expect(normalisedForms('P@ssw0rd123!')).toContain('password');
    expect(normalisedForms('7r1ck')).toEqual(expect.arrayContaining(['trick', 'trlck']));
  });
});

describe('the person’s own words', () => {
  const owner = { displayName: 'Robin Ashworth', email: 'r.ashworth@kamloops-shop.org' };

  it('takes the name, the email’s local part and its pieces, and the domain’s first label', () => {
    expect(personalWords(owner).sort()).toEqual(['ashworth', 'kamloops-shop', 'r.ashworth', 'robin'].sort());
  });

  it.each(['ashworth river boat lamp', 'Rob1n-in-the-garden-2026', 'my kamloops-shop desk key', 'R.Ashworth walks home late'])(
    '%s is refused as personal',
    (password) => {
      expect(passwordProblem(password, owner)).toBe(PASSWORD_MESSAGES.personal);
    },
  );

  it('refuses the demo passwords for their own accounts (they name the role that is the email)', () => {
    expect(passwordProblem('lantern-coordinator-demo', { email: 'coordinator@example.org' })).toBe(PASSWORD_MESSAGES.personal);
  });
});

describe('strength', () => {
  it('refuses the program’s name dressed up, and other guessable patterns', () => {
    expect(passwordProblem('Lantern2026lantern')).toBe(PASSWORD_MESSAGES.weak);
    expect(passwordProblem('iloveyou2026!!')).not.toBeNull();
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).not.toBeNull();
    expect(passwordProblem('qazwsxedcrfvtgb')).not.toBeNull();
  });

  it.each(['KamloopsOutreach2026', 'KamloopsShop2026!', 'SafeSuiteShowers#1'])('refuses a password built on the program’s own words: %s', (password) => {
    expect(passwordProblem(password)).not.toBeNull();
  });

  it.each(['a lantern by the quiet river', 'kettle orchard mitten galaxy', 'seven purple otters juggle quietly'])(
    'accepts the long passphrase %s',
    (password) => {
      expect(passwordProblem(password, { displayName: 'Robin Ashworth', email: 'robin@example.org' })).toBeNull();
    },
  );

  it('counts length in characters, not bytes, and refuses what is too short or too long', () => {
    expect(passwordProblem('short words')).toBe(PASSWORD_MESSAGES.short);
    expect(passwordProblem('ünïcödé ök')).toBe(PASSWORD_MESSAGES.short);
    expect(passwordProblem('x'.repeat(257))).toBe(PASSWORD_MESSAGES.long);
  });
});
