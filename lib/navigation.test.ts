import { describe, expect, it } from 'vitest';
import { ROLES } from './auth/permissions.ts';
import { homeFor, navFor } from './navigation.ts';

describe('where each role starts, and its navigation', () => {
  it('outreach workers start on the outreach home, first in their navigation, with no link to the desk’s "/"', () => {
    expect(homeFor('outreach')).toBe('/outreach');
    const links = navFor('outreach').map((i) => i.href);
    expect(links[0]).toBe('/outreach');
    expect(links).not.toContain('/');
    expect(new Set(links).size).toBe(links.length);
  });

  it('everyone else starts on "/", listed first', () => {
    for (const role of ROLES.filter((r) => r !== 'outreach')) {
      expect(homeFor(role)).toBe('/');
      expect(navFor(role)[0]?.href).toBe('/');
    }
  });

  it('Outreach is in the navigation of the roles that read outreach only', () => {
    const withOutreach = ROLES.filter((r) => navFor(r).some((i) => i.href === '/outreach'));
    expect(withOutreach).toEqual(['coordinator', 'outreach', 'manager']);
  });
});
