import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionLabel, ENTITY_LABELS, entityLabel } from './labels.ts';

// Every audit code the code base writes reads as plain words on the audit page: no underscores,
// no dots, and the record type is one the page names.

const ROOT = path.resolve(import.meta.dirname, '../..');

function files(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'generated' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files(full, out);
    else if (/\.(ts|tsx|sql)$/.test(name) && !/\.test\.ts$/.test(name)) out.push(full);
  }
  return out;
}

/** The literal codes handed to recordAudit, set as `action:` or inserted into audit_event by SQL. */
function writtenCodes(): Set<string> {
  const codes = new Set<string>();
  const patterns = [/recordAudit\([^,]+,\s*[^,]+,\s*'([a-z_]+\.[a-z_]+)'/g, /VALUES \([^)]*?'([a-z_]+\.[a-z_]+)', '(?:ok|refused|failed)'/g];
  for (const dir of ['lib', 'app', 'prisma/migrations', 'scripts']) {
    for (const file of files(path.join(ROOT, dir))) {
      const text = readFileSync(file, 'utf8');
      for (const pattern of patterns) for (const m of text.matchAll(pattern)) codes.add(m[1]!);
    }
  }
  return codes;
}

describe('audit codes in plain words', () => {
  it('reads the codes people look for first as a person would say them', () => {
    expect(actionLabel('auth.signed_in')).toBe('Signed in');
    expect(actionLabel('participant.sensitive_viewed')).toBe('Viewed notes and safe contact');
    expect(actionLabel('visit.logged')).toBe('Visit logged');
    expect(actionLabel('outreach_shift.started')).toBe('Outreach shift started');
    expect(actionLabel('staff_user.role_changed')).toBe('Staff account role changed');
    expect(entityLabel('staff_user')).toBe('Staff account');
    expect(entityLabel('something_new')).toBe('Something new');
  });

  it('has words, and a named record type, for every code the code base writes', () => {
    const codes = writtenCodes();
    expect(codes.size).toBeGreaterThan(50);
    for (const code of codes) {
      expect(actionLabel(code), code).not.toMatch(/[._]/);
      const type = code.slice(0, code.indexOf('.'));
      if (!['auth', 'session', 'access'].includes(type)) expect(Object.keys(ENTITY_LABELS), code).toContain(type);
    }
  });
});
