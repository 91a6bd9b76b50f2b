import { describe, expect, it } from 'vitest';
import { lastSaveAt, savedMark } from './saved-cookie.ts';

// The error page claims "stored" only for this tab's latest submission (app/error.tsx): the mark a
// committed save leaves names the submission's token, and is read against this tab's token.

const mine = '0123456789abcdef0123456789abcdef';
const earlier = 'fedcba9876543210fedcba9876543210';
const at = new Date('2026-12-06T10:15:00Z');

describe('the save mark', () => {
  it('names the submission that committed, and only a token the listener could have drawn', () => {
    expect(savedMark(at, mine)).toBe(`${at.getTime()}.${mine}`);
    expect(savedMark(at, undefined)).toBeNull();
    expect(savedMark(at, 'x; Domain=evil')).toBeNull();
  });

  it('is read as stored when it is this tab’s latest submission', () => {
    expect(lastSaveAt(`a=1; lantern-saved=${savedMark(at, mine)}; b=2`, mine)).toEqual(at);
  });

  it('says nothing of a later submission that failed: an earlier save’s mark, another tab’s, or no token', () => {
    // Save A committed (its mark); this tab then sent B, which failed without a mark.
    const cookie = `lantern-saved=${savedMark(at, earlier)}`;
    expect(lastSaveAt(cookie, mine)).toBeNull();
    expect(lastSaveAt(cookie, null)).toBeNull();
    expect(lastSaveAt(`lantern-saved=${at.getTime()}`, mine)).toBeNull(); // an old-style mark, no token
    expect(lastSaveAt('', mine)).toBeNull();
  });
});
