import { describe, expect, it } from 'vitest';
import { indexMaterial, keyMaterial, normalizeHandle, normalizePhone, normalizePlate, queryMaterial, substrings, words } from './normalize.ts';

/** Whether a query finds a record, the way the database does it: some reading's material all held. */
function finds(query: string, stored: Parameters<typeof indexMaterial>[0]): boolean {
  const held = new Set(indexMaterial(stored));
  return queryMaterial(query).some((reading) => reading.every((m) => held.has(m)));
}

describe('normalization', () => {
  it('keeps letters and digits of a plate, upper case', () => {
    expect(normalizePlate('ab k7-21')).toBe('ABK721');
    expect(normalizePlate(' AB·K7·21 ')).toBe('ABK721');
  });
  it('keeps the digits of a phone number, whatever the formatting', () => {
    expect(normalizePhone('(250) 555 0199')).toBe('2505550199');
    expect(normalizePhone('+1 250-555-0199')).toBe('12505550199');
  });
  it('lower-cases a handle and drops spaces and a leading @', () => {
    expect(normalizeHandle(' @Night_Owl ')).toBe('night_owl');
  });
  it('splits words of two or more letters or digits, once each', () => {
    expect(words('Tall, grey beard; GREY truck. a')).toEqual(['tall', 'grey', 'beard', 'truck']);
    expect(words('<script>alert(1)</script>')).toEqual(['script', 'alert']);
  });
  it('lists every substring of at least the minimum length once', () => {
    expect(substrings('ABA', 2).sort()).toEqual(['AB', 'ABA', 'BA']);
    expect(substrings('A', 2)).toEqual([]);
  });
});

describe('partial matching', () => {
  const street = { plate: 'AB K7 21', text: ['Tall man, grey beard', 'Dave'] };
  const online = { phone: '(250) 555 0199', handle: '@Night_Owl', email: 'owl@example.org' };

  it('finds a plate by any two characters of it, in any formatting', () => {
    expect(finds('K7', street)).toBe(true);
    expect(finds('k7 2', street)).toBe(true);
    expect(finds('ab-k721', street)).toBe(true);
    expect(finds('K8', street)).toBe(false);
    expect(finds('7K', street)).toBe(false);
  });
  it('finds a phone number by its digits, however either side wrote it', () => {
    expect(finds('250-555-0199', online)).toBe(true);
    expect(finds('5550199', online)).toBe(true);
    expect(finds('555 01', online)).toBe(true);
    expect(finds('250-555-0198', online)).toBe(false);
  });
  it('finds a handle by part of it, and an email whole', () => {
    expect(finds('night', online)).toBe(true);
    expect(finds('@NIGHT_OWL', online)).toBe(true);
    expect(finds('owl@example.org', online)).toBe(true);
    expect(finds('day_owl', online)).toBe(false);
  });
  it('finds words of the description only when all of them are there', () => {
    expect(finds('grey beard', street)).toBe(true);
    expect(finds('Beard', street)).toBe(true);
    expect(finds('grey moustache', street)).toBe(false);
  });
  it('keeps kinds apart: digits of a plate are not a phone number', () => {
    expect(finds('721', { plate: '721' })).toBe(true);
    expect(indexMaterial({ plate: '721' })).not.toContain('t:721');
  });
  it('flags a repeat on a whole plate or phone only, long enough not to be common', () => {
    expect(keyMaterial({ plate: 'ab k7 21', phone: '250.555.0199' })).toEqual(['P:ABK721', 'T:2505550199']);
    expect(keyMaterial({ plate: 'K7', phone: '0199' })).toEqual([]);
  });
});
