import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { fileURLToPath } from 'node:url';
import { databaseUrl, expect, test } from './fixtures.ts';

// `npm start` as a container runtime or process manager runs it: in a process group of its own,
// told to stop by one signal to the npm process alone (never the group). Within a few seconds
// every process under npm must be gone and the port free, or the next start fails with "address
// already in use". Ctrl-C in a terminal signals the whole group, which is the easier case.

const root = fileURLToPath(new URL('..', import.meta.url));
const PORT = Number(process.env.E2E_PORT ?? 3210) + 13;
const STOPPED_WITHIN_MS = 10_000; // measured 0.2–3.7 s on two loaded cores
let npm: ChildProcess | undefined;
let output = '';

test.describe.configure({ mode: 'serial' });

function npmStart(databaseUrl: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEY: randomBytes(32).toString('base64'),
    LANTERN_TWO_FACTOR: 'optional',
    LANTERN_HOST: '127.0.0.1',
    PORT: String(PORT),
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
  };
  output = '';
  const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  return child;
}

/** [pid, parent pid] of every process alive (zombies have ended: they hold no port). */
function processes(): Array<[number, number]> {
  const rows = execFileSync('ps', ['-e', '-o', 'pid=,ppid=,stat='], { encoding: 'utf8' }).trim().split('\n');
  return rows
    .map((row) => row.trim().split(/\s+/))
    .filter(([, , stat]) => !stat!.startsWith('Z'))
    .map(([pid, ppid]) => [Number(pid), Number(ppid)]);
}

function descendants(pid: number): number[] {
  const table = processes();
  const found: number[] = [];
  for (let parents = [pid]; parents.length;) {
    parents = table.filter(([, ppid]) => parents.includes(ppid)).map(([p]) => p);
    found.push(...parents);
  }
  return found;
}

function portIsFree(): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer().once('error', () => resolve(false));
    server.listen(PORT, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

async function healthy(): Promise<void> {
  await expect
    .poll(
      () =>
        fetch(`http://127.0.0.1:${PORT}/api/health`).then(
          (r) => r.status,
          () => 0,
        ),
      {
        timeout: 90_000,
        intervals: [500],
        message: `npm start did not answer /api/health:\n${output}`,
      },
    )
    .toBe(200);
}

/** Signals npm alone and expects npm, everything it started, and the port to be gone in time. */
async function expectStoppedBy(signal: NodeJS.Signals, child: ChildProcess): Promise<void> {
  const tree = [child.pid!, ...descendants(child.pid!)];
  expect(tree.length, `the processes under npm start:\n${output}`).toBeGreaterThan(1);
  const started = Date.now();
  child.kill(signal);
  await expect
    .poll(
      async () => {
        const live = new Set(processes().map(([pid]) => pid));
        return { left: tree.filter((pid) => live.has(pid)), portFree: await portIsFree() };
      },
      {
        message: `npm start did not stop within ${STOPPED_WITHIN_MS / 1000} s of ${signal}:\n${output}`,
        timeout: STOPPED_WITHIN_MS,
        intervals: [100],
      },
    )
    .toEqual({ left: [], portFree: true });
  console.log(`${signal}: stopped in ${Date.now() - started} ms`);
}

test.afterEach(() => {
  // Whatever a failed test left behind, so the next one and the next run find the port free.
  if (npm?.pid) {
    try {
      process.kill(-npm.pid, 'SIGKILL');
    } catch {}
  }
  npm = undefined;
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  test(`${signal} to the npm process stops the running app and frees its port`, async () => {
    test.setTimeout(120_000);
    expect(await portIsFree(), `port ${PORT} is taken before the test`).toBe(true);
    npm = npmStart(databaseUrl());
    await healthy();
    await expectStoppedBy(signal, npm);
  });
}

test('SIGTERM stops an app that is still starting (here: waiting for the database)', async () => {
  test.setTimeout(60_000);
  // A "database" that accepts connections and never answers: the start stays in its migrate step.
  const sockets: net.Socket[] = [];
  const silent = net.createServer((s) => sockets.push(s));
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const { port } = silent.address() as net.AddressInfo;
  try {
    npm = npmStart(`postgresql://postgres@127.0.0.1:${port}/lantern`);
    await expect.poll(() => sockets.length, { timeout: 45_000, message: `never connected:\n${output}` }).toBeGreaterThan(0);
    await expectStoppedBy('SIGTERM', npm);
  } finally {
    sockets.forEach((s) => s.destroy());
    silent.close();
  }
});
