import { describe, expect, it } from 'vitest';
import { searchPatterns } from './search.ts';

describe('searchPatterns', () => {
  it('needs two characters, spaces aside', () => {
    expect(searchPatterns('')).toBeNull();
    expect(searchPatterns(' r ')).toBeNull();
    expect(searchPatterns('ri')).not.toBeNull();
  });

  it('looks anywhere in the alias and at its start', () => {
    expect(searchPatterns(' Riv ')).toMatchObject({ contains: '%Riv%', startsWith: 'Riv%', prefixIndexed: true, substringIndexed: true });
  });

  it('treats LIKE wildcards as plain characters', () => {
    expect(searchPatterns('5%_\\')).toMatchObject({ contains: '%5\\%\\_\\\\%', startsWith: '5\\%\\_\\\\%' });
  });

  it('starts a code with or without the hyphen, in any case', () => {
    expect(searchPatterns('k7')?.code).toBe('K7%');
    expect(searchPatterns('k7q')?.code).toBe('K7Q%');
    expect(searchPatterns('k7q4')?.code).toBe('K7Q-4%');
    expect(searchPatterns('K7Q-4M')?.code).toBe('K7Q-4M%');
    expect(searchPatterns('k7q 4m9')?.code).toBe('K7Q-4M9%');
  });

  it('does not look for a code the text cannot start', () => {
    // I, L, O, S, B, Z, 0, 1, 2, 5 and 8 are never in a code; seven characters never fit.
    for (const text of ['Riv', 'Lou', 'K7Q-4M9X', 'K7Q-4M2', 'ab!']) expect(searchPatterns(text)?.code, text).toBeNull();
  });

  it('stops at the longest alias', () => {
    expect(searchPatterns('x'.repeat(500))?.contains).toBe(`%${'x'.repeat(60)}%`);
  });
});

describe('which steps the trigram indexes can serve', () => {
  it('needs a leading letter or digit for the prefix, three in a row for anywhere', () => {
    expect(searchPatterns('ri')).toMatchObject({ prefixIndexed: true, substringIndexed: false });
    expect(searchPatterns('Ém')).toMatchObject({ prefixIndexed: true, substringIndexed: false });
    expect(searchPatterns('a b')).toMatchObject({ prefixIndexed: true, substringIndexed: false });
    expect(searchPatterns('--')).toMatchObject({ prefixIndexed: false, substringIndexed: false });
    expect(searchPatterns('-riv')).toMatchObject({ prefixIndexed: false, substringIndexed: true });
  });
});
