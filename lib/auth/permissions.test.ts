import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLES, can, roleCan, type Permission, type Role } from './permissions.ts';

// The expected matrix, written out cell by cell independently of the code: p = peer,
// c = coordinator, o = outreach, m = manager, a = admin. A change to permissions.ts that is not
// also made here fails, which is the point: access changes are deliberate.
const EXPECTED: Record<Permission, string> = {
  'participant:read': 'pcom',
  'participant:history': 'com',
  'participant:read_sensitive': 'com',
  'participant:create': 'com',
  'participant:update': 'com',
  'participant:merge': 'cm',
  'participant:access_request': 'm',
  'visit:read': 'pcom',
  'visit:create': 'pcom',
  'booking:read': 'pcom',
  'booking:manage': 'pcom',
  'stay:read': 'com',
  'stay:manage': 'com',
  'stay:approve_extension': 'm',
  'program:read': 'pcom',
  'program:manage': 'm',
  'attendance:record': 'pcom',
  'agency:read': 'pcom',
  'agency:manage': 'cm',
  'referral:read': 'com',
  'referral:manage': 'com',
  'alert:read_published': 'pcom',
  'alert:report': 'com',
  'alert:review': 'cm',
  'outreach:read': 'com',
  'outreach:log': 'com',
  'report:read': 'm',
  'report:export': 'm',
  'retention:run': 'm',
  'audit:read': 'ma',
  'settings:manage': 'ma',
  'staff:read': 'ma',
  'staff:manage': 'ma',
  'staff:grant_data_access': 'm',
};

const LETTER: Record<Role, string> = { peer: 'p', coordinator: 'c', outreach: 'o', manager: 'm', admin: 'a' };

describe('permission matrix', () => {
  it('lists exactly the expected permissions', () => {
    expect([...PERMISSIONS].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const permission of PERMISSIONS) {
    for (const role of ROLES) {
      const allowed = EXPECTED[permission].includes(LETTER[role]);
      it(`${role} ${allowed ? 'may' : 'may not'} ${permission}`, () => {
        expect(roleCan(role, permission)).toBe(allowed);
        expect(can({ role }, permission)).toBe(allowed);
      });
    }
  }

  it('admin sees no participant data at all', () => {
    const participantData = PERMISSIONS.filter((p) => !/^(audit|settings|staff):/.test(p) || p === 'staff:grant_data_access');
    expect(participantData.filter((p) => roleCan('admin', p))).toEqual([]);
  });

  it('refuses when nobody is signed in', () => {
    expect(can(null, 'visit:read')).toBe(false);
  });
});
