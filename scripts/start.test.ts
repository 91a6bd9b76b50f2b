// `npm start` must refuse bad configuration with exactly one line and exit code 1. These cases
// all stop before `next start`, so no build is needed.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const tsx = path.join(root, 'node_modules', '.bin', 'tsx');

const VALID = {
  DATABASE_URL: 'postgresql://postgres@127.0.0.1:1/lantern', // nothing listens on port 1
  AUTH_SECRET: 'x'.repeat(32),
  ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
};

function start(env: Record<string, string | undefined>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  // Only what a shell would pass, so the developer's own DATABASE_URL etc. cannot leak in.
  const childEnv: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'production', ...env };
  const child = spawn(tsx, ['scripts/start.ts'], { cwd: root, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const cases: Array<[string, Record<string, string | undefined>, RegExp]> = [
  ['nothing set', {}, /^Lantern cannot start: DATABASE_URL is missing$/],
  [
    'DATABASE_URL not PostgreSQL',
    { ...VALID, DATABASE_URL: 'mysql://root@localhost/lantern' },
    /^Lantern cannot start: DATABASE_URL must be a postgresql:\/\/ URL$/,
  ],
  ['AUTH_SECRET missing', { ...VALID, AUTH_SECRET: undefined }, /^Lantern cannot start: AUTH_SECRET is missing$/],
  ['AUTH_SECRET too short', { ...VALID, AUTH_SECRET: 'short' }, /^Lantern cannot start: AUTH_SECRET must be at least 32 characters/],
  ['ENCRYPTION_KEY missing', { ...VALID, ENCRYPTION_KEY: undefined }, /^Lantern cannot start: ENCRYPTION_KEY is missing$/],
  [
    'ENCRYPTION_KEY not 32 bytes',
    { ...VALID, ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') },
    /^Lantern cannot start: ENCRYPTION_KEY must be 32 random bytes in base64/,
  ],
  [
    'RUNTIME_DATABASE_URL without its role',
    { ...VALID, RUNTIME_DATABASE_URL: 'postgresql://127.0.0.1:1/lantern' },
    /^Lantern cannot start: RUNTIME_DATABASE_URL must be a postgresql:\/\/ URL with the runtime role as its user$/,
  ],
  ['PORT not a number', { ...VALID, PORT: 'eighty' }, /^Lantern cannot start: PORT must be a port number/],
  ['LANTERN_TIME_ZONE not a zone', { ...VALID, LANTERN_TIME_ZONE: 'Kamloops' }, /^Lantern cannot start: LANTERN_TIME_ZONE must be an IANA time zone name/],
  [
    'LANTERN_HOST a URL, not an address',
    { ...VALID, LANTERN_HOST: 'http://127.0.0.1:3000' },
    /^Lantern cannot start: LANTERN_HOST must be an IP address or host name to listen on, such as 127.0.0.1 or ::, not "http:\/\/127.0.0.1:3000"$/,
  ],
  ['LANTERN_HOST with a port', { ...VALID, LANTERN_HOST: '127.0.0.1:3000' }, /^Lantern cannot start: LANTERN_HOST must be an IP address/],
  ['database unreachable', VALID, /^Lantern cannot start: cannot connect to the database: .*ECONNREFUSED/],
  // Good addresses get past the check, as far as the database.
  ['LANTERN_HOST an IPv6 address', { ...VALID, LANTERN_HOST: '::1' }, /^Lantern cannot start: cannot connect to the database/],
  ['LANTERN_HOST a host name', { ...VALID, LANTERN_HOST: 'app-1.internal' }, /^Lantern cannot start: cannot connect to the database/],
];

describe.concurrent('npm start refuses bad configuration', () => {
  it.each(cases)(
    '%s',
    async (_name, env, message) => {
      const { code, stdout, stderr } = await start(env);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      const lines = stderr.trimEnd().split('\n');
      expect(lines, stderr).toHaveLength(1);
      expect(lines[0]).toMatch(message);
    },
    30_000,
  );
});
