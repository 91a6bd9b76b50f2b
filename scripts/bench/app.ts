import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { copyFileSync, cpSync, existsSync, linkSync, mkdirSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { waitForHealth } from '../lib/next-app.ts';
import { BENCH_ENCRYPTION_KEY } from './dataset.ts';

// The production app for the page scenarios. It is built in a private copy of the project (in the
// system's temporary directory), never in the project's own .next, which `npm run dev`, the demo
// or someone else's build may be using. The copy is rebuilt only when a source file changed.

const NOT_COPIED = new Set(['.next', 'node_modules', '.data', '.git', 'test-results', 'playwright-report', 'tsconfig.tsbuildinfo']);

export function appCopyDir(root: string): string {
  return path.join(os.tmpdir(), `lantern-bench-app-${createHash('sha256').update(root).digest('hex').slice(0, 8)}`);
}

/** A digest of every file the copy would hold: same digest, same build. */
function sourceDigest(root: string): string {
  const hash = createHash('sha256');
  const walk = (dir: string, rel: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (NOT_COPIED.has(entry.name)) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full, `${rel}${entry.name}/`);
      else if (entry.isFile()) hash.update(`${rel}${entry.name}\0`).update(readFileSync(full));
    }
  };
  walk(root, '');
  return hash.digest('hex');
}

/**
 * node_modules for the copy, as hard links (instant, no extra space; a plain copy across file
 * systems). Turbopack refuses a node_modules symlinked from outside the project it builds.
 */
function linkTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const [src, dest] = [path.join(from, entry.name), path.join(to, entry.name)];
    if (entry.isDirectory()) linkTree(src, dest);
    else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(src), dest);
    else {
      try {
        linkSync(src, dest);
      } catch {
        copyFileSync(src, dest);
      }
    }
  }
}

const nextCli = (dir: string) => createRequire(path.join(dir, 'package.json')).resolve('next/dist/bin/next');

function run(dir: string, args: string[], env: NodeJS.ProcessEnv): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, [nextCli(dir), ...args], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  child.stderr!.on('data', (c: Buffer) => (output = (output + c.toString()).slice(-20_000)));
  return { child, output: () => output };
}

/**
 * Copies the project and runs `next build` there, unless the copy is already built from these
 * sources (or `reuse` says to take the last build as it is, to repeat a measurement quickly).
 */
export async function buildApp(root: string, log: (m: string) => void, reuse = false): Promise<string> {
  const dir = appCopyDir(root);
  const digest = sourceDigest(root);
  const stamp = path.join(dir, '.bench-sources');
  const built = existsSync(path.join(dir, '.next/BUILD_ID')) && existsSync(stamp);
  if (built && (reuse || readFileSync(stamp, 'utf8') === digest)) {
    log(`app build in ${dir} is ${readFileSync(stamp, 'utf8') === digest ? 'up to date' : 'older than the sources, reused (--reuse-build)'}`);
    return dir;
  }
  mkdirSync(dir, { recursive: true });
  // Everything but .next goes (a deleted source, a changed dependency must not linger); Next reuses its cache there.
  for (const name of readdirSync(dir)) if (name !== '.next') rmSync(path.join(dir, name), { recursive: true, force: true });
  for (const name of readdirSync(root)) {
    if (!NOT_COPIED.has(name)) cpSync(path.join(root, name), path.join(dir, name), { recursive: true, filter: (src) => !NOT_COPIED.has(path.basename(src)) });
  }
  linkTree(path.join(root, 'node_modules'), path.join(dir, 'node_modules'));
  log(`building the app in ${dir} (next build, about a minute)`);
  const started = Date.now();
  const build = run(dir, ['build'], { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });
  const code = await new Promise<number | null>((resolve) => build.child.on('exit', resolve));
  if (code !== 0) {
    const lines = build
      .output()
      .replace(/\x1b\[[0-9;]*m/g, '')
      .split('\n')
      .filter((l) => /error/i.test(l));
    throw new Error(`next build failed: ${lines[0]?.trim() ?? `exit code ${code}`} (run it in ${dir} to see all)`);
  }
  writeFileSync(stamp, digest);
  log(`built in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  return dir;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type AppMemory = { rssMiB: number; peakMiB: number };
export type RunningApp = {
  baseUrl: string;
  stop(): Promise<void>;
  /** The app's resident memory now and at its peak (Linux /proc; null elsewhere), its processes summed. */
  memory(): AppMemory | null;
};

/** VmRSS and VmHWM of a process and its descendants, in MiB, from /proc (Linux). */
export function processMemory(pid: number): AppMemory | null {
  const kib = (status: string, field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  const visit = (p: number): { rss: number; peak: number } => {
    let status: string;
    try {
      status = readFileSync(`/proc/${p}/status`, 'utf8');
    } catch {
      return { rss: 0, peak: 0 };
    }
    const total = { rss: kib(status, 'VmRSS'), peak: kib(status, 'VmHWM') };
    let children: number[] = [];
    try {
      children = readdirSync(`/proc/${p}/task`).flatMap((t) =>
        readFileSync(`/proc/${p}/task/${t}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number),
      );
    } catch {
      // no children file: a kernel without it, or the process is gone
    }
    for (const c of children) {
      const m = visit(c);
      total.rss += m.rss;
      total.peak += m.peak;
    }
    return total;
  };
  const m = visit(pid);
  return m.rss === 0 ? null : { rssMiB: Math.round(m.rss / 1024), peakMiB: Math.round(m.peak / 1024) };
}

/** `next start` on the built copy, against the benchmark database, on BENCH_PORT or a free port. */
export async function startApp(dir: string, databaseUrl: string, port?: number): Promise<RunningApp> {
  const p = port ?? (await freePort());
  const baseUrl = `http://127.0.0.1:${p}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DATABASE_URL: databaseUrl,
    // A fresh session secret each run (sessions need not outlive it); the dataset's key for its encrypted text.
    AUTH_SECRET: randomBytes(32).toString('base64'),
    ENCRYPTION_KEY: BENCH_ENCRYPTION_KEY,
    AUTH_URL: baseUrl,
    AUTH_TRUST_HOST: 'true',
    // The bench's runner signs in with its password (two-step sign-in is measured by nobody here).
    LANTERN_TWO_FACTOR: 'optional',
    PORT: String(p),
  };
  const app = run(dir, ['start', '-p', String(p), '-H', '127.0.0.1'], env);
  const stop = async () => {
    if (app.child.exitCode !== null || app.child.signalCode !== null) return;
    const exited = new Promise((resolve) => app.child.once('exit', resolve));
    app.child.kill('SIGTERM');
    const timer = setTimeout(() => app.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  };
  try {
    await waitForHealth(`${baseUrl}/api/health`, app.child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`next start did not answer: ${(error as Error).message}\n${app.output().slice(-2_000)}`);
  }
  return { baseUrl, stop, memory: () => (app.child.pid ? processMemory(app.child.pid) : null) };
}
