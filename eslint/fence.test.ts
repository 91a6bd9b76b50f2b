import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import fence from './fence.js';

const root = path.resolve(import.meta.dirname, '..');
const linter = new Linter({ configType: 'flat' });
const config = [
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { lantern: fence },
    rules: { 'lantern/feature-fence': 'error' as const },
  },
];

/** What the fence says of `code` as if it were the file at `file` (relative to the repository). */
function lint(file: string, code: string): string[] {
  return linter.verify(code, config, { filename: path.join(root, file) }).map((m) => m.message);
}

describe('the feature fence (eslint/fence.js)', () => {
  it('lets a feature use shared modules, its own files and other features’ public files', () => {
    expect(
      lint('lib/visits/x.ts', `import { db } from '@/lib/db/client.ts';\nimport { a } from './rules.ts';\nimport { b } from '@/lib/participants/lock.ts';`),
    ).toEqual([]);
  });

  it('refuses another feature’s private file, however it is spelled', () => {
    expect(lint('lib/visits/x.ts', `import { a } from '@/lib/bookings/queries.ts';`)).toEqual([
      expect.stringMatching(/lib\/bookings\/queries.ts is private to bookings/),
    ]);
    expect(lint('lib/visits/x.ts', `import { a } from '../bookings/queries.ts';`)).toEqual([expect.stringMatching(/private to bookings/)]);
    expect(lint('lib/visits/x.ts', `export { a } from '../reports/build.ts';`)).toEqual([expect.stringMatching(/private to reports/)]);
  });

  it('refuses a feature in a shared module', () => {
    expect(lint('lib/calendar/x.ts', `import { a } from '@/lib/visits/timeline.ts';`)).toEqual([
      expect.stringMatching(/Shared module lib\/calendar may not import the feature lib\/visits/),
    ]);
  });

  it('refuses a value import that closes a cycle between features, not a type import', () => {
    // lib/timeline/sources.ts imports visits' timeline entries, so visits may take only types from timeline.
    expect(lint('lib/visits/x.ts', `import { a } from '@/lib/timeline/types.ts';`)).toEqual([
      expect.stringMatching(/Import cycle between features: visits → timeline → visits/),
    ]);
    expect(lint('lib/visits/x.ts', `import type { A } from '@/lib/timeline/types.ts';`)).toEqual([]);
  });

  it('leaves tests and test support alone', () => {
    expect(lint('lib/visits/x.test.ts', `import { a } from '@/lib/bookings/queries.ts';`)).toEqual([]);
    expect(lint('lib/visits/test-helpers.ts', `import { a } from '@/lib/bookings/queries.ts';`)).toEqual([]);
  });
});
