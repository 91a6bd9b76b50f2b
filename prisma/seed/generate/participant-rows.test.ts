import { describe, expect, it } from 'vitest';
import { CODE_PATTERN } from '../../../lib/participants/code.ts';
import { demoAliases, NICKNAMES, varyNickname } from './aliases.ts';
import { participantRows, seedCodes } from './participant-rows.ts';
import { createRandom } from './random.ts';

const rows = (seed = 'people', count = 2000, sensitiveShare = 0.1) =>
  participantRows(createRandom(seed), {
    aliases: Array.from({ length: count }, (_, i) => `Alias ${i}`),
    staffIds: ['s1', 's2'],
    from: new Date('2026-01-01T00:00:00Z'),
    to: new Date('2026-06-01T00:00:00Z'),
    sensitiveShare,
  });

describe('seedCodes', () => {
  it('makes unique codes in the database format', () => {
    const codes = seedCodes(createRandom('codes'), 50_000);
    expect(new Set(codes).size).toBe(50_000);
    expect(codes.every((c) => CODE_PATTERN.test(c))).toBe(true);
  });
});

describe('participantRows', () => {
  it('satisfies the table checks: a value exactly when the answer is given', () => {
    for (const r of rows()) {
      expect(r.birth_year !== null).toBe(r.birth_year_state === 'answered');
      expect(r.pronouns !== null).toBe(r.pronouns_state === 'answered');
      expect(r.language !== null).toBe(r.language_state === 'answered');
      expect(r.home_community !== null).toBe(r.home_community_state === 'answered');
      expect(r.gender_self_described !== null).toBe(r.gender === 'self_described');
      if (r.birth_year !== null) expect(2026 - r.birth_year).toBeGreaterThanOrEqual(19);
      expect(['s1', 's2']).toContain(r.consent_by_id);
      expect(r.consent_at >= '2026-01-01' && r.consent_at < '2026-06-01').toBe(true);
    }
  });

  it('mixes not asked, prefers not to answer and answers', () => {
    const all = rows();
    const share = (f: (r: (typeof all)[number]) => boolean) => all.filter(f).length / all.length;
    expect(share((r) => r.birth_year_state === 'not_asked')).toBeGreaterThan(0.3);
    expect(share((r) => r.birth_year_state === 'declined')).toBeGreaterThan(0.05);
    expect(share((r) => r.birth_year_state === 'answered')).toBeGreaterThan(0.4);
    expect(share((r) => r.gender === null)).toBeGreaterThan(0.15);
    expect(share((r) => r.gender === 'declined')).toBeGreaterThan(0.03);
    expect(share((r) => r.travelling === 'yes')).toBeGreaterThan(0.05);
    expect(share((r) => r.safe_contact !== null || r.notes !== null)).toBeGreaterThan(0.05);
    expect(rows('people', 500, 0).every((r) => r.safe_contact === null && r.notes === null)).toBe(true);
  });

  it('is deterministic for a seed', () => {
    expect(rows('a', 50)).toEqual(rows('a', 50));
    expect(rows('a', 50)[0]!.code).not.toBe(rows('b', 50)[0]!.code);
  });
});

describe('aliases', () => {
  it('are nicknames, never a given name and a surname', () => {
    for (const n of NICKNAMES) expect(n).toMatch(/^[A-Z][a-z]+( [A-Z][a-z]+)?$/);
    expect(new Set(NICKNAMES).size).toBe(NICKNAMES.length);
  });

  it('for the demo: the count asked for, a few shared by two people, all within 60 characters', () => {
    const aliases = demoAliases(createRandom('demo'), 300, 12);
    expect(aliases).toHaveLength(300);
    const counts = new Map<string, number>();
    for (const a of aliases) counts.set(a, (counts.get(a) ?? 0) + 1);
    expect([...counts.values()].filter((n) => n === 2)).toHaveLength(12);
    expect(Math.max(...counts.values())).toBe(2);
    expect(aliases.every((a) => a.length >= 1 && a.length <= 60)).toBe(true);
    expect(demoAliases(createRandom('demo'), 300, 12)).toEqual(aliases);
  });

  it('vary with a prefix, an initial or handle digits', () => {
    const r = createRandom('vary');
    const made = Array.from({ length: 400 }, () => varyNickname(r, 'Sunny'));
    expect(made).toContain('Sunny');
    expect(made.some((a) => /^[A-Z][a-z]+ Sunny$/.test(a))).toBe(true);
    expect(made.some((a) => /^Sunny [A-Z]$/.test(a))).toBe(true);
    expect(made.some((a) => /^Sunny\d{1,2}$/.test(a))).toBe(true);
  });
});
