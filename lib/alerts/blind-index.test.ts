import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexTokens, keyTokens, queryTokens, token } from './blind-index.ts';

const KEY_A = Buffer.alloc(32, 1).toString('base64');
const KEY_B = Buffer.alloc(32, 2).toString('base64');
let saved: string | undefined;
beforeEach(() => {
  saved = process.env.ENCRYPTION_KEY;
  process.env.ENCRYPTION_KEY = KEY_A;
});
afterEach(() => {
  process.env.ENCRYPTION_KEY = saved;
});

describe('blind index tokens', () => {
  it('hold no trace of the plaintext and depend on the key', () => {
    const stored = indexTokens({ plate: 'AB K7 21', phone: '250 555 0199' });
    expect(stored.join(' ')).not.toMatch(/K7|ABK|555|0199/);
    const a = token('p:K7');
    process.env.ENCRYPTION_KEY = KEY_B;
    expect(token('p:K7')).not.toBe(a);
  });
  it('match a partial query hashed the same way', () => {
    const stored = new Set(indexTokens({ plate: 'AB K7 21', phone: '(250) 555 0199' }));
    for (const q of ['K7', '250-555-0199', '5550199'])
      expect(
        queryTokens(q).some((r) => r.every((t) => stored.has(t))),
        q,
      ).toBe(true);
    expect(queryTokens('K9').some((r) => r.every((t) => stored.has(t)))).toBe(false);
  });
  it('give equal whole-plate tokens for the same plate written differently', () => {
    expect(keyTokens({ plate: 'ab-k7 21' })).toEqual(keyTokens({ plate: 'AB K7 21' }));
  });
});
