// Building and running the Next.js app for the demo launcher.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

// Node runs Next's CLI directly: no shell, and no dependence on node_modules/.bin.
const nextCli = createRequire(import.meta.url).resolve('next/dist/bin/next');
// Children still running, to stop on Ctrl-C whatever step the launcher is in.
const running = new Set<ChildProcess>();

const SOURCES = ['app', 'components', 'lib', 'public', 'next.config.js', 'package.json', 'proxy.ts', 'tsconfig.json'];

/** Why `next build` must run (a reason), or null when .next is newer than every source. */
export function buildReason(root: string): string | null {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return 'no build yet';
  const builtAt = statSync(buildId).mtimeMs;
  const newer = (p: string): string | null => {
    if (!existsSync(p)) return null;
    const s = statSync(p);
    if (!s.isDirectory()) return s.mtimeMs > builtAt && !/\.test\.tsx?$/.test(p) ? p : null; // tests are not built
    for (const name of readdirSync(p)) {
      const found = newer(path.join(p, name));
      if (found) return found;
    }
    return null;
  };
  for (const source of SOURCES) {
    const changed = newer(path.join(root, source));
    if (changed) return `${path.relative(root, changed)} changed`;
  }
  return null;
}

/** Runs `next build`, reporting each phase line; rejects with Next's whole output on failure. */
export function nextBuild(env: NodeJS.ProcessEnv, onPhase: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [nextCli, 'build'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      // Without terminal colour codes and tree/check symbols: the last line is the current phase.
      const lines = chunk
        .toString()
        .replace(/\x1b\[[0-9;]*m/g, '')
        .split('\n');
      const last = lines
        .map((l) => l.replace(/^[\s✓▲○ƒ├└┌│⚠]+/u, '').trim())
        .filter(Boolean)
        .pop();
      if (last) onPhase(last);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      running.delete(child);
      if (code === 0) resolve();
      else reject(Object.assign(new Error(`next build failed (${signal ?? `exit code ${code}`})`), { output }));
    });
  });
}

/** Starts `next start` or `next dev`; its output is held back until `release()` (then streamed). */
export function startNext(mode: 'start' | 'dev', port: number, env: NodeJS.ProcessEnv) {
  // The hook writes each request's client address from its socket (lib/auth/client-address.mjs).
  const hook = new URL('./client-address-hook.mjs', import.meta.url).href;
  const child = spawn(process.execPath, ['--import', hook, nextCli, mode, '--port', String(port)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  child.on('exit', () => running.delete(child));
  let held: string[] | null = [];
  const forward = (to: NodeJS.WriteStream) => (chunk: Buffer) => (held ? held.push(chunk.toString()) : to.write(chunk));
  child.stdout!.on('data', forward(process.stdout));
  child.stderr!.on('data', forward(process.stderr));
  return {
    child,
    held: () => (held ?? []).join(''),
    release: () => (held = null),
  };
}

/** True when nothing listens on the port (so the health check below reaches our server). */
export function portIsFree(port: number, host?: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Polls the health endpoint until it answers 200; rejects if the child exits or time runs out. */
export async function waitForHealth(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error('the server exited while starting');
    const ok = await fetch(url, { signal: AbortSignal.timeout(10_000) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`no answer from ${url} within ${Math.round(timeoutMs / 1000)} s`);
}

/** SIGTERM to every child, SIGKILL to those still running after `graceMs`; resolves once all exited. */
export async function stopChildren(graceMs: number): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => (clearTimeout(timer), resolve()));
          child.kill('SIGTERM');
        }),
    ),
  );
}
