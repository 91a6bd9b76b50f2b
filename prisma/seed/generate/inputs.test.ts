import { describe, expect, it } from 'vitest';
import { searchQueries, visitInputs } from './inputs.ts';
import { createRandom } from './random.ts';

const people = [
  { id: 'p1', alias: 'Sunny', code: 'K7Q-4M2' },
  { id: 'p2', alias: 'Lil Red', code: 'ACD-EFG' },
  { id: 'p3', alias: 'Kiki22', code: '34H-JKM' },
];

describe('searchQueries', () => {
  it('types two to four characters of an alias or a code, deterministically', () => {
    const queries = searchQueries(createRandom('q'), people, 500);
    expect(queries).toHaveLength(500);
    expect(queries).toEqual(searchQueries(createRandom('q'), people, 500));
    for (const q of queries) {
      const bare = q.replace('-', '');
      expect(bare.length).toBeGreaterThanOrEqual(2);
      expect(bare.length).toBeLessThanOrEqual(4);
      expect(q.trim().length).toBeGreaterThanOrEqual(2);
      const fromAlias = people.some((p) => p.alias.toLowerCase().includes(q.toLowerCase()));
      const fromCode = people.some((p) => p.code.replace('-', '').startsWith(bare.toUpperCase()));
      expect(fromAlias || fromCode).toBe(true);
    }
    const codeLike = queries.filter((q) => people.some((p) => p.code.replace('-', '').startsWith(q.replace('-', '').toUpperCase())));
    expect(codeLike.length).toBeGreaterThan(100);
    expect(queries.some((q) => q.includes('-'))).toBe(true);
    expect(queries.some((q) => q !== q.toLowerCase())).toBe(true);
    expect(queries.some((q) => /^[a-z]/.test(q))).toBe(true);
  });
});

describe('visitInputs', () => {
  it('logs one to three distinct services, quantities only on supplies, some visits anonymous', () => {
    const types = [
      { id: 's1', kind: 'service' },
      { id: 's2', kind: 'service' },
      { id: 'k1', kind: 'supply' },
      { id: 'k2', kind: 'supply' },
    ] as const;
    const visits = visitInputs(createRandom('v'), people, types, 1000);
    expect(new Set(visits.map((v) => v.idempotencyKey)).size).toBe(1000);
    for (const v of visits) {
      expect(v.services.length).toBeGreaterThanOrEqual(1);
      expect(v.services.length).toBeLessThanOrEqual(3);
      expect(new Set(v.services.map((s) => s.serviceTypeId)).size).toBe(v.services.length);
      for (const s of v.services) if (s.serviceTypeId.startsWith('s')) expect(s.quantity).toBe(1);
    }
    const anonymous = visits.filter((v) => v.participantId === null).length;
    expect(anonymous).toBeGreaterThan(100);
    expect(anonymous).toBeLessThan(200);
    expect(visits.some((v) => v.services.some((s) => s.quantity > 1))).toBe(true);
  });
});
