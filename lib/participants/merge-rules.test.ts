import { describe, expect, it } from 'vitest';
import { combineSensitive, mergedAnswers, type MergeSide } from './merge-rules.ts';

const blank = {
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
} as const satisfies Partial<MergeSide>;

describe('mergedAnswers', () => {
  it('takes every answer the kept record never asked for', () => {
    const merged = {
      ...blank,
      birthYear: 1979,
      birthYearState: 'answered',
      gender: 'two_spirit',
      indigenousIdentity: 'inuit',
      pronouns: 'she/her',
      pronounsState: 'answered',
      travelling: 'declined',
    } as const;
    expect(mergedAnswers(blank, merged)).toEqual({
      birthYear: 1979,
      birthYearState: 'answered',
      gender: 'two_spirit',
      genderSelfDescribed: null,
      indigenousIdentity: 'inuit',
      pronouns: 'she/her',
      pronounsState: 'answered',
      travelling: 'declined',
    });
  });

  it('keeps the kept record’s answers, including "prefers not to answer"', () => {
    const kept = {
      ...blank,
      birthYearState: 'declined',
      gender: 'declined',
      indigenousIdentity: 'none',
      pronounsState: 'declined',
      language: 'English',
      languageState: 'answered',
      travelling: 'no',
    } as const;
    const merged = {
      ...blank,
      birthYear: 1979,
      birthYearState: 'answered',
      gender: 'woman',
      indigenousIdentity: 'metis',
      pronouns: 'she/her',
      pronounsState: 'answered',
      language: 'French',
      languageState: 'answered',
      travelling: 'yes',
    } as const;
    expect(mergedAnswers(kept, merged)).toEqual({});
  });

  it('copies a declined answer over "not asked", and nothing from a record that was not asked either', () => {
    expect(mergedAnswers(blank, { ...blank, homeCommunityState: 'declined' })).toEqual({ homeCommunity: null, homeCommunityState: 'declined' });
    expect(mergedAnswers(blank, blank)).toEqual({});
  });

  it('brings the self-described words with a self-described gender', () => {
    expect(mergedAnswers(blank, { ...blank, gender: 'self_described', genderSelfDescribed: 'femme' })).toEqual({
      gender: 'self_described',
      genderSelfDescribed: 'femme',
    });
  });
});

describe('combineSensitive', () => {
  const H = 'From record K7Q-4M2, merged on 2026-11-21:';
  it('takes the merged safe contact when the kept record has none, and carries nothing', () => {
    expect(combineSensitive({ safeContact: null }, { safeContact: 'Text' }, H)).toEqual({ safeContact: 'Text', carriedNote: null });
    expect(combineSensitive({ safeContact: null }, { safeContact: null }, H)).toEqual({ safeContact: null, carriedNote: null });
  });

  it('keeps the kept safe contact and carries a different one into a note; the same one is not repeated', () => {
    expect(combineSensitive({ safeContact: 'Call' }, { safeContact: 'Email' }, H)).toEqual({ safeContact: 'Call', carriedNote: `${H}\nSafe contact: Email` });
    expect(combineSensitive({ safeContact: 'Call' }, { safeContact: 'Call' }, H)).toEqual({ safeContact: 'Call', carriedNote: null });
  });
});
