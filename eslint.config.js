import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import fence from './eslint/fence.js';

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next/**', 'node_modules/**', 'lib/db/generated/**', '.data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'],
  },
  {
    // Feature folders in lib/ are fenced: see eslint/fence.js.
    files: ['lib/**/*.ts', 'lib/**/*.tsx'],
    plugins: { lantern: fence },
    rules: { 'lantern/feature-fence': 'error' },
  },
  {
    // Server Actions judge their forms with a zod schema of the fields: no raw record of unknowns,
    // no value split by hand (a schema decodes it, and its refusal names the field).
    files: ['app/**/actions.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='z'][callee.property.name='record']",
          message: 'Declare the form fields (z.object) instead of a record: see defineAction in lib/action.ts.',
        },
        {
          selector: "CallExpression[callee.property.name='split']",
          message: 'Decode the value in the schema (pairField, formList in lib/validation.ts), not by hand in the action.',
        },
      ],
    },
  },
  {
    // Data-layer test files share a worker's modules (isolate: false in vitest.config.ts), so a
    // module mocked in one file would stay mocked in the worker's next files.
    files: ['**/*.db.test.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        ...['mock', 'doMock', 'stubGlobal', 'stubEnv'].map((property) => ({
          object: 'vi',
          property,
          message: 'Data-layer test files share modules (isolate: false): use a real module, or move the test to the unit project.',
        })),
      ],
    },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
];

export default config;
