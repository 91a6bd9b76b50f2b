import pg from 'pg';
import type { Actor } from '../../lib/auth/session.ts';
import { buildApp, startApp, type RunningApp } from './app.ts';
import { signIn } from './http.ts';
import { openSession, type Runner } from './run-state.ts';

// What scenarios get: the benchmark database, the account to act as, and (started on first use,
// once) the production app with a signed-in cookie. Scenarios load data-layer modules with a literal
// `await import('../../lib/…')` (after server-only.ts's hook is in place, which static imports would
// precede): the type check fails when a module they name moves or goes.

export type BenchContext = {
  root: string;
  sql: pg.Client;
  /** The benchmark database, for tools that connect on their own (psql). */
  databaseUrl: string;
  runner: Runner;
  log(m: string): void;
  /** The runner as the data layer sees it, from a live session (lib/auth/resolve-session.ts). */
  actor(): Promise<Actor>;
  /** Any bench account as the data layer sees it, from a new live session. */
  actorOf(userId: string): Promise<Actor>;
  /** The running app and a signed-in Cookie header. */
  app(): Promise<{ baseUrl: string; cookie: string }>;
};

export function createContext(opts: {
  root: string;
  sql: pg.Client;
  runner: Runner;
  databaseUrl: string;
  port?: number;
  reuseBuild?: boolean;
  log(m: string): void;
}) {
  let actor: Promise<Actor> | undefined;
  let app: Promise<{ baseUrl: string; cookie: string }> | undefined;
  let running: RunningApp | undefined;
  const ctx: BenchContext = {
    root: opts.root,
    sql: opts.sql,
    databaseUrl: opts.databaseUrl,
    runner: opts.runner,
    log: opts.log,
    actorOf: async (userId) => {
      const { resolveSession } = await import('../../lib/auth/resolve-session.ts');
      const state = await resolveSession(await openSession(opts.sql, userId));
      if (state.status !== 'ok') throw new Error(`the bench account's session is ${state.status}`);
      return state.actor;
    },
    actor: () => (actor ??= ctx.actorOf(opts.runner.id)),
    app: () =>
      (app ??= (async () => {
        running = await startApp(await buildApp(opts.root, opts.log, opts.reuseBuild), opts.databaseUrl, opts.port);
        opts.log(`app answering at ${running.baseUrl}`);
        return { baseUrl: running.baseUrl, cookie: await signIn(running.baseUrl, opts.runner.email, opts.runner.password) };
      })()),
  };
  return { ctx, stop: async () => running?.stop(), memory: () => running?.memory() ?? null };
}
