// How `npm start` ties the server's life to its own: a process manager or container runtime
// sends SIGTERM to the main process only (npm, which passes it to this script), and Ctrl-C sends
// SIGINT to the whole group. Either way the server must be gone, and its port free, seconds later.
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';

const SIGNALS = ['SIGINT', 'SIGTERM'] as const;
type StopSignal = (typeof SIGNALS)[number];

let child: ChildProcess | undefined;
let stopping = false;
let graceMs = 8_000;

const exitCode = (signal: NodeJS.Signals) => 128 + constants.signals[signal];

function stop(signal: StopSignal): void {
  // Still starting (checking settings, migrating): nothing runs yet that needs waiting for.
  if (!child) process.exit(exitCode(signal));
  if (stopping) return; // Ctrl-C reaches both this process and the server, and npm passes it on too
  stopping = true;
  child.kill(signal);
  // Next closes its listener at once but waits for requests in flight: not for ever. Under
  // Docker's 10 s before its own SIGKILL, so this process still ends with the server's code.
  setTimeout(() => {
    console.error(`Lantern: the server did not stop within ${graceMs / 1000} s of ${signal}; killing it`);
    child!.kill('SIGKILL');
  }, graceMs).unref();
}

/**
 * From now on SIGINT and SIGTERM stop this process and the server it runs; so does losing the
 * npm process that started it (killed outright, say), which would otherwise leave the server
 * holding its port with nobody to stop it. Call first, before anything slow such as migrating.
 */
export function stopOnSignals(options: { graceMs?: number } = {}): void {
  graceMs = options.graceMs ?? graceMs;
  for (const signal of SIGNALS) process.on(signal, () => stop(signal));
  if (process.env.npm_lifecycle_event) {
    const parent = process.ppid;
    setInterval(() => process.ppid !== parent && stop('SIGTERM'), 250).unref();
  }
}

/**
 * Runs `node <args>` as the server and exits with its code once it ends. The server gets an IPC
 * channel and scripts/lib/stop-with-parent.mjs, so it stops by itself should this process die
 * without stopping it first (SIGKILL cannot be caught here).
 */
export function runServer(args: string[], onError: (e: Error) => void): void {
  const guard = new URL('./stop-with-parent.mjs', import.meta.url).href;
  child = spawn(process.execPath, ['--import', guard, ...args], { stdio: ['inherit', 'inherit', 'inherit', 'ipc'] });
  child.on('error', onError);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? exitCode(signal) : 1)));
}
