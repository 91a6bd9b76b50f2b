// PGlite is one PostgreSQL session shared by every client of the embedded server. What a client
// sets for its own session (SET, RESET, set_config(…, false), SET ROLE, its login role) is saved
// when another client's turn comes and put back before the client's own next turn, so pg_dump's
// `set_config('search_path', '', false)` or a psql user's SET never reaches the app's queries.
//
// Cost: nothing while the clients taking turns hold the same state (the app's pool, all on one
// role with no SET); a client whose statements may have changed its state (embedded-sql.ts, or a
// ParameterStatus from the backend) has it read once when its turn passes, and a switch between
// different states costs one reset and one set_config query.
import type { PGlite } from '@electric-sql/pglite';

/** A client's session as it differs from a fresh one: login role, SET ROLE, settings. */
export type SessionState = { user: string; role: string; settings: [name: string, value: string][] };

/** Who a client is logged in as: the server's own user, or a role of the database. */
export type Login = { user: string; superuser: boolean };

export type SessionClient = {
  /** Its state while another client runs; null for a fresh session as the server's own user. */
  saved: SessionState | null;
  /** Its statements since its state was last read may have changed it. */
  touched: boolean;
};

const UNKNOWN = Symbol('unknown');

// transaction_* settings only describe the transaction that set them.
const SNAPSHOT = `SELECT session_user::text AS "user", pg_catalog.current_setting('role') AS role,
  coalesce((SELECT pg_catalog.json_agg(pg_catalog.json_build_array(name, setting) ORDER BY name)
    FROM pg_catalog.pg_settings WHERE source = 'session' AND name NOT LIKE 'transaction\\_%'), '[]') AS settings`;

export class Sessions {
  /** The client whose state the backend holds (null: none, the state is `applied`). */
  live: SessionClient | null = null;
  private applied: SessionState | null | typeof UNKNOWN = null;

  constructor(
    private pglite: PGlite,
    /** The server's own user (postgres): a client logging in as it has no role to take. */
    readonly serverUser: string,
    private log: (m: string) => void,
  ) {}

  /** Gives the backend `client`'s session state; call under the wire lock, before its turn. */
  async enter(client: SessionClient): Promise<void> {
    if (this.live === client) return;
    const previous = this.live;
    this.live = null;
    if (previous?.touched) {
      previous.touched = false;
      try {
        previous.saved = this.applied = await this.snapshot();
      } catch (err) {
        this.log(`embedded database: could not save a client's session settings: ${(err as Error).message}`);
        this.applied = UNKNOWN;
      }
    }
    const target = client.saved;
    if (!sameState(this.applied, target)) {
      if (this.applied !== null) await this.pglite.exec(`SET SESSION AUTHORIZATION ${ident(this.serverUser)}; RESET ROLE; RESET ALL`);
      this.applied = null;
      if (target) await this.apply(target);
      this.applied = target;
    }
    this.live = client;
  }

  /** Whether `user` may log in, with PostgreSQL's refusals; call under the wire lock. */
  async login(user: string): Promise<Login | { refuse: [code: string, text: string] }> {
    const { rows } = await this.pglite.query<{ login: boolean; superuser: boolean; connect: boolean }>(
      `SELECT rolcanlogin AS login, rolsuper AS superuser,
         pg_catalog.has_database_privilege(oid, pg_catalog.current_database(), 'CONNECT') AS connect
       FROM pg_catalog.pg_roles WHERE rolname = $1`,
      [user],
    );
    const role = rows[0];
    if (!role) return { refuse: ['28000', `role "${user}" does not exist`] };
    if (!role.login) return { refuse: ['28000', `role "${user}" is not permitted to log in`] };
    if (!role.connect) return { refuse: ['42501', 'permission denied for database "postgres"'] };
    return { user, superuser: role.superuser };
  }

  /** A client gone: its state, if live, is dropped at the next client's turn. */
  leave(client: SessionClient) {
    if (this.live !== client) return;
    this.live = null;
    this.applied = UNKNOWN;
  }

  private async snapshot(): Promise<SessionState | null> {
    const { rows } = await this.pglite.query<SessionState>(SNAPSHOT);
    const state = rows[0]!;
    const fresh = state.user === this.serverUser && state.role === 'none' && !state.settings.length;
    return fresh ? null : state;
  }

  /** Settings first, as the server's superuser (one may have been set before a SET ROLE), then the roles. */
  private async apply(state: SessionState) {
    const pairs: [string, string][] = [...state.settings];
    if (state.user !== this.serverUser) pairs.push(['session_authorization', state.user]);
    if (state.role !== 'none') pairs.push(['role', state.role]);
    await this.pglite.query('SELECT pg_catalog.set_config(n, v, false) FROM unnest($1::text[], $2::text[]) AS t (n, v)', [
      pairs.map((p) => p[0]),
      pairs.map((p) => p[1]),
    ]);
  }
}

function sameState(a: SessionState | null | typeof UNKNOWN, b: SessionState | null): boolean {
  if (a === UNKNOWN) return false;
  if (!a || !b) return a === b;
  return a.user === b.user && a.role === b.role && JSON.stringify(a.settings) === JSON.stringify(b.settings);
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
