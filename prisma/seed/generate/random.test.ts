import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createRandom } from './random.ts';

const draws = (seed: number | string, n = 5) => {
  const r = createRandom(seed);
  return Array.from({ length: n }, () => r.next());
};

describe('createRandom', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draws(42)).toEqual(draws(42));
    expect(draws(42)).not.toEqual(draws(43));
  });

  it('stays in range and spreads evenly', () => {
    const r = createRandom('spread');
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 40_000; i++) counts[r.int(0, 3)]!++;
    expect(counts.reduce((a, b) => a + b)).toBe(40_000); // nothing fell outside 0…3
    for (const c of counts) expect(c).toBeGreaterThan(9_500);
    const floats = Array.from({ length: 10_000 }, () => r.next());
    expect(Math.min(...floats)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...floats)).toBeLessThan(1);
  });

  it('honours weights', () => {
    const r = createRandom(7);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++)
      if (
        r.weighted([
          ['a', 9],
          ['b', 1],
        ] as const) === 'a'
      )
        heavy++;
    expect(heavy).toBeGreaterThan(8_700);
    expect(heavy).toBeLessThan(9_300);
  });

  it('makes UUIDs the app accepts, deterministically', () => {
    const a = createRandom('ids');
    const ids = Array.from({ length: 200 }, () => a.uuid());
    for (const id of ids) expect(z.uuid().safeParse(id).success).toBe(true);
    expect(new Set(ids).size).toBe(200);
    expect(createRandom('ids').uuid()).toBe(ids[0]);
  });

  it('forks streams that do not shift each other', () => {
    const plain = createRandom(1).fork('codes').next();
    const parent = createRandom(1);
    parent.next();
    parent.next();
    expect(parent.fork('codes').next()).toBe(plain);
    expect(createRandom(1).fork('aliases').next()).not.toBe(plain);
  });
});
