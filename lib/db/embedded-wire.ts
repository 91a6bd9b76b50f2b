// Serves one PGlite instance to many PostgreSQL clients over TCP. PGlite is a single backend, so
// clients take turns under one global lock: a client keeps it from its first message until the
// backend reports the session idle again ('I'), i.e. for a whole transaction. Nobody else's
// statements can land inside it, which is what made @electric-sql/pglite-socket mix clients up.
// Each client's session settings and role are its own too (embedded-session.ts).
//
// Roles: a client whose startup message names a role other than the server's own user runs as
// that role (SET SESSION AUTHORIZATION, re-applied at each of its turns), so the app connecting as
// its runtime role meets the same privileges as in production and a missing grant fails a test.
// PGlite's real session user is a superuser, so PostgreSQL would let such a client SET SESSION
// AUTHORIZATION back to postgres: embedded-sql.ts refuses that (and what it cannot read) to a client
// that did not log in as a superuser. This is NOT a security boundary: the server has no authentication (no password is asked), so
// anyone who can reach the port can connect as postgres; it listens on this machine only.
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import * as wire from './embedded-protocol.ts';
import { FrontendQueue } from './embedded-frontend.ts';
import { Sessions, type Login, type SessionClient, type SessionState } from './embedded-session.ts';

export type WireOptions = {
  host: string;
  port: number;
  log: (m: string) => void;
  /** A client idle inside a transaction blocks everyone; after this long it is rolled back and cut off. */
  idleInTransactionTimeoutMs: number;
};

/** A FIFO mutex whose owner is a connection, held across batches while a transaction is open. */
class Lock {
  owner: object | null = null;
  private waiters: { who: object; grant: () => void }[] = [];
  acquire(who: object): Promise<void> {
    if (this.owner === who) return Promise.resolve();
    if (!this.owner) return ((this.owner = who), Promise.resolve());
    return new Promise((grant) => this.waiters.push({ who, grant }));
  }
  release(who: object) {
    if (this.owner !== who) return;
    const next = this.waiters.shift();
    this.owner = next?.who ?? null;
    next?.grant();
  }
}

export async function serveWire(pglite: PGlite, opts: WireOptions) {
  const lock = new Lock();
  const connections = new Set<Connection>();
  const sockets = new Set<net.Socket>();
  let nextId = 1;
  const { rows: settings } = await pglite.query<{ name: string; value: string }>(`select s as name, current_setting(s) as value from unnest($1::text[]) s`, [
    wire.REPORTED_SETTINGS,
  ]);
  const serverUser = (await pglite.query<{ u: string }>('select current_user::text as u')).rows[0]!.u;
  const sessions = new Sessions(pglite, serverUser, opts.log);

  // Set once PGlite has failed: its WebAssembly runtime has exited and must not be called again
  // (a further call spins forever), so every client gets an error until the process restarts.
  let stopped: string | undefined;
  async function exec(bytes: Uint8Array): Promise<Uint8Array> {
    if (stopped) throw new Error(stopped);
    try {
      return await pglite.runExclusive(() => pglite.execProtocolRaw(bytes));
    } catch (err) {
      stopped = `the embedded database stopped (${(err as Error).message}); restart the process`;
      opts.log(`embedded database: ${stopped}`);
      throw err;
    }
  }

  /** Who `user` may log in as, or PostgreSQL's refusal; looked up between transactions. */
  async function login(user: string): Promise<Login | { refuse: [string, string] }> {
    if (user === serverUser) return { user, superuser: true };
    const who = {};
    await lock.acquire(who);
    try {
      if (stopped) return { refuse: ['57P03', stopped] };
      return await sessions.login(user);
    } finally {
      lock.release(who);
    }
  }

  class Connection implements SessionClient {
    readonly id = nextId++;
    saved: SessionState | null = null;
    touched = false;
    private buf: Buffer = Buffer.alloc(0); // until the startup message is complete
    private started = false;
    private handshaking = false;
    private queue = new FrontendQueue(`c${this.id}_`);
    private pumping = false;
    private closed = false;
    private idleTimer: NodeJS.Timeout | undefined;

    constructor(private socket: net.Socket) {
      socket.setNoDelay(true);
      socket.on('data', (chunk) => this.onData(chunk));
      socket.on('error', () => this.terminate());
      socket.on('close', () => this.terminate());
    }

    private onData(chunk: Buffer) {
      if (this.closed) return;
      if (this.started) return this.receive(chunk);
      this.buf = Buffer.concat([this.buf, chunk]);
      if (!this.handshaking) void this.handshake();
    }

    private receive(chunk: Buffer) {
      const error = this.queue.push(chunk);
      if (error) return this.fail('08P01', error);
      if (this.queue.terminated) return this.terminate();
      if (this.queue.hasBatch) void this.pump();
      else if (!this.pumping) this.answerCopyIn();
    }

    /** Sends our CopyInResponse once every earlier answer has been written, to keep them in order. */
    private answerCopyIn() {
      if (this.queue.copyInOwed && !this.closed) this.socket.write(wire.copyInResponse());
      this.queue.copyInOwed = false;
    }

    /** Handles SSL/GSS/cancel requests and the startup message, then what came after it. */
    private async handshake() {
      this.handshaking = true;
      try {
        for (;;) {
          const s = wire.parseStartup(this.buf);
          if (!s) return;
          if (s.kind === 'invalid') return this.fail('08P01', 'invalid startup packet');
          this.buf = this.buf.subarray(s.length);
          if (s.kind === 'ssl' || s.kind === 'gss') this.socket.write('N'); // no encryption: local only
          if (s.kind === 'cancel') return this.socket.destroy(); // cannot interrupt a WASM backend
          if (s.kind !== 'startup') continue;
          if (stopped) return this.fail('57P03', stopped);
          const who = await login(s.params.get('user') || serverUser);
          if ('refuse' in who) return this.fail(...who.refuse);
          const answer = wire.answerStartup(s, settings, this.id, who);
          if ('refuse' in answer) return this.fail(...answer.refuse);
          if (this.closed) return;
          if (who.user !== serverUser) this.saved = { user: who.user, role: 'none', settings: [] };
          this.queue.restricted = !who.superuser;
          this.socket.write(answer.reply);
          this.started = true;
          const rest = this.buf;
          this.buf = Buffer.alloc(0);
          if (rest.length) this.receive(rest);
          return;
        }
      } catch (err) {
        opts.log(`embedded database: connection ${this.id} could not log in: ${(err as Error).message}`);
        this.fail('XX000', 'internal error in the embedded database');
      } finally {
        this.handshaking = false;
      }
    }

    /** Runs this client's batches, each under the lock; cleans up once the client is gone. */
    private async pump() {
      if (this.pumping) return;
      this.pumping = true;
      try {
        while (this.queue.hasBatch && !this.closed) {
          await lock.acquire(this);
          clearTimeout(this.idleTimer);
          if (this.closed) break;
          if (stopped) throw new Error(stopped);
          if (sessions.live !== this) await sessions.enter(this);
          const batch = this.queue.take();
          if (batch.touchesSession) this.touched = true;
          let out = wire.stripCopyIn(await exec(batch.bytes), batch.fakedCopyIns);
          const answer = wire.readAnswer(out);
          if (answer.errors) out = wire.unprefixErrors(out, this.queue.prefix);
          if (!this.closed) this.socket.write(out);
          if (answer.reported) this.touched = true;
          // 'T'/'E' (in a transaction) or no ReadyForQuery yet (after Flush): keep the lock.
          if (answer.ready === 'I') lock.release(this);
        }
      } catch (err) {
        if (!stopped) opts.log(`embedded database: connection ${this.id} failed: ${(err as Error).message}`);
        this.fail('XX000', stopped ?? 'internal error in the embedded database');
      }
      this.answerCopyIn();
      if (this.closed) await this.cleanup();
      else if (lock.owner === this) this.armIdleTimer();
      this.pumping = false;
    }

    private async cleanup() {
      if (lock.owner !== this && !this.queue.hasStatements) return;
      const bytes = this.queue.cleanupBatch();
      try {
        await lock.acquire(this);
        await exec(bytes);
      } catch (err) {
        if (!stopped) opts.log(`embedded database: cleanup of connection ${this.id} failed: ${(err as Error).message}`);
      } finally {
        lock.release(this);
      }
    }

    private armIdleTimer() {
      this.idleTimer = setTimeout(() => {
        const s = Math.round(opts.idleInTransactionTimeoutMs / 1000);
        opts.log(`embedded database: connection ${this.id} was idle in a transaction for ${s} s; rolled it back and disconnected it`);
        this.fail('25P03', 'terminating connection due to idle-in-transaction timeout');
      }, opts.idleInTransactionTimeoutMs);
      this.idleTimer.unref();
    }

    private fail(code: string, text: string) {
      if (!this.closed && this.socket.writable) this.socket.end(wire.errorResponse('FATAL', code, text));
      this.terminate();
    }

    /** Idempotent: drops queued work and, via pump(), rolls back and releases the lock if held. */
    terminate() {
      if (this.closed) return;
      this.closed = true;
      this.queue.clear();
      clearTimeout(this.idleTimer);
      connections.delete(this);
      sessions.leave(this);
      if (!this.socket.writableEnded) this.socket.destroySoon();
      void this.pump();
    }

    shutdown() {
      this.fail('57P01', 'terminating connection because the embedded database is shutting down');
    }
  }

  const server = net.createServer((socket) => {
    sockets.add(socket.once('close', () => sockets.delete(socket)));
    connections.add(new Connection(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => (server.off('error', reject), resolve()));
  });
  server.on('error', (err) => opts.log(`embedded database: ${err.message}`));

  return {
    port: (server.address() as net.AddressInfo).port,
    /** Stops accepting, disconnects clients (rolling back their transactions), then returns. */
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const c of [...connections]) c.shutdown();
      // Queue behind every cleanup started above; never released, so nothing runs after this.
      await lock.acquire({});
      for (const s of sockets) s.destroy(); // any still flushing a response
      await closed;
    },
  };
}
