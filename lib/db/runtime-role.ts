// The app's own database login: a role that owns nothing, is not a superuser, and holds only the
// table privileges named below. Migrations run as the owner (DATABASE_URL for `npm start`); the
// app runs as this role, so an SQL injection or a stolen app password cannot rewrite history:
// the audit log is SELECT and INSERT only, and only an owner may ALTER TABLE … DISABLE TRIGGER or
// set session_replication_role (a superuser-only setting).
//
// `npm start`, the demo, the e2e server, the benchmark's app and the data-layer tests all take
// this path, so a privilege missing from the map fails a test rather than production.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from 'node:crypto';
import pg from 'pg';
import { RUNTIME_FUNCTIONS } from './runtime-functions.ts';

/**
 * The runtime role's default name: the database's, with `_app` (`lantern_app` for a database
 * called lantern). Roles are server-wide; one per database keeps two installations on one server
 * (staging and production) from sharing a login, or resetting each other's password.
 */
export function defaultRuntimeRole(database: string): string {
  const base = database
    .toLowerCase()
    .replace(/[^a-z0-9_]/g, '_')
    .replace(/^([^a-z_])/, '_$1');
  return `${base.slice(0, 59)}_app`;
}

export type TablePrivilege = 'SELECT' | 'INSERT' | 'UPDATE' | 'DELETE';

const NONE: TablePrivilege[] = [];
const READ: TablePrivilege[] = ['SELECT'];
const WRITE: TablePrivilege[] = ['SELECT', 'INSERT', 'UPDATE'];
const WRITE_DELETE: TablePrivilege[] = ['SELECT', 'INSERT', 'UPDATE', 'DELETE'];

/**
 * Every table in the schema and what the app may do to it. DELETE only where the app removes
 * rows (everything else is voided, cancelled or de-identified, never deleted); TRUNCATE, REFERENCES
 * and TRIGGER nowhere. A table missing here gets nothing, and `runtime-role.db.test.ts` fails until
 * it has a line: each new table is a decision.
 */
export const RUNTIME_PRIVILEGES: Readonly<Record<string, readonly TablePrivilege[]>> = {
  _prisma_migrations: READ, // the health check compares applied migrations with the build's
  // Audit: written with the change it records, never changed or removed; its id and time are
  // the database's (RUNTIME_COLUMN_INSERTS), so the app cannot backdate an event or take an id.
  audit_event: READ,
  audit_chain: NONE, // appended and read only through its SECURITY DEFINER functions
  audit_chain_head: NONE, // the chain's one-row lock, taken only by the chain's trigger function
  audit_chain_pending: NONE, // events waiting for the chain's lock, listed by the chain's trigger function
  audit_verification: NONE, // written and read through its SECURITY DEFINER functions
  // Text written in clear before encryption, waiting for the app's key: sealed by `npm start` and
  // `npm run seal-free-text` as the owner, and forgotten by de-identification in a definer function.
  free_text_to_seal: NONE,
  // Staff and sign-in
  staff_user: WRITE,
  staff_notice: WRITE,
  auth_session: WRITE,
  login_attempt: WRITE_DELETE, // old attempts are pruned
  staff_recovery_code: WRITE_DELETE, // replaced when new codes are made, removed on a reset
  remembered_browser: WRITE_DELETE, // forgotten at sign-out everywhere and on a reset
  setting: WRITE,
  // Front desk
  participant: WRITE,
  // Notes about a participant: appended, never deleted; UPDATE only for de-identification (text to
  // null), merges (participant) and the move of the old Notes field, which a trigger enforces.
  participant_note: WRITE,
  note_kind: WRITE, // the kinds of note, kept in Settings; taken out of use, never deleted
  service_type: WRITE,
  visit: WRITE,
  visit_service: WRITE_DELETE, // an edited visit's services are replaced
  // Bookings
  resource: WRITE,
  resource_hours: WRITE_DELETE, // a resource's weekly hours are replaced as a whole
  resource_closure: WRITE_DELETE, // a closure can be taken back
  booking: WRITE,
  booking_ticket: WRITE,
  waitlist_entry: WRITE,
  board_link: WRITE,
  // Safe Suite
  suite_unit: WRITE,
  stay: WRITE,
  stay_log_entry: WRITE,
  stay_extension: WRITE,
  // Programs
  program: WRITE,
  program_closed_day: WRITE_DELETE, // a closed day can be reopened
  program_session: WRITE_DELETE, // future sessions are regenerated when a schedule changes
  attendance: WRITE_DELETE, // a mistaken attendance mark is taken back; merges fold duplicates
  anonymous_count_key: WRITE,
  // Referrals and bad date alerts
  agency: WRITE,
  referral: WRITE,
  referral_status_change: WRITE,
  alert_report: WRITE,
  // Outreach
  outreach_option: WRITE,
  outreach_shift: WRITE,
  outreach_shift_staff: WRITE,
  outreach_shift_platform: WRITE,
  outreach_contact: WRITE,
  outreach_contact_kind: WRITE,
  outreach_contact_supply: WRITE,
};

/**
 * Tables the role may insert into naming only these columns: the others take their defaults.
 * An audit event's id (its sequence) and time (now()) cannot be chosen by the app's role.
 */
export const RUNTIME_COLUMN_INSERTS: Readonly<Record<string, readonly string[]>> = {
  audit_event: ['actor_id', 'actor_role', 'action', 'outcome', 'entity_type', 'entity_id', 'details'],
};

export class RuntimeRoleError extends Error {
  override name = 'RuntimeRoleError';
}

export type RuntimeRoleOptions = {
  /** The role to create or use. Default: defaultRuntimeRole(the database's name). */
  role?: string;
  /**
   * Its password. When given, the role is created or its password set (the owner needs
   * CREATEROLE); when omitted, an existing role is used as it is, and a missing one is created
   * without a password (for servers that trust local connections: tests and the embedded demo).
   */
  password?: string | ((role: string) => string);
  log?: (m: string) => void;
};

// Serialises instances starting at once (REVOKE + GRANT of one start must not interleave with another's).
const GRANT_LOCK_KEY = 72707370;

/**
 * Makes sure the runtime role exists, is not privileged, owns nothing in this database and holds
 * exactly the privileges of RUNTIME_PRIVILEGES; returns the URL the app should connect with.
 * `ownerUrl` is the migrating role's (the tables' owner).
 */
export async function prepareRuntimeRole(ownerUrl: string, opts: RuntimeRoleOptions = {}): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  let role: string;
  try {
    const me = (await client.query<{ u: string; db: string }>('SELECT current_user AS u, current_database() AS db')).rows[0]!;
    role = opts.role ?? defaultRuntimeRole(me.db);
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(role)) {
      throw new RuntimeRoleError(`the runtime role name "${role}" must be lower-case letters, digits and underscores`);
    }
    if (me.u === role) throw new RuntimeRoleError(`the runtime role ${role} is the owner role; give it a different name`);
    await client.query('SELECT pg_advisory_lock($1)', [GRANT_LOCK_KEY]);
    try {
      const password = typeof opts.password === 'function' ? opts.password(role) : opts.password;
      await ensureRole(client, role, password, opts.log);
      await grant(client, role, me.db);
      await refuseEscapes(client, role);
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [GRANT_LOCK_KEY]).catch(() => {});
    }
  } finally {
    await client.end();
  }
  const password = typeof opts.password === 'function' ? opts.password(role) : opts.password;
  const url = new URL(ownerUrl);
  url.username = role;
  url.password = password ? encodeURIComponent(password) : '';
  return url.toString();
}

async function ensureRole(client: pg.Client, role: string, password: string | undefined, log?: (m: string) => void) {
  const ident = client.escapeIdentifier(role);
  const existing = (
    await client.query<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; rolcreatedb: boolean }>(
      'SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = $1',
      [role],
    )
  ).rows[0];
  // The server stores and may log the statement: send a SCRAM verifier, never the password.
  const secret = password === undefined ? '' : ` PASSWORD ${client.escapeLiteral(scramVerifier(password))}`;
  if (!existing) {
    try {
      await client.query(`CREATE ROLE ${ident} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOINHERIT NOREPLICATION NOBYPASSRLS${secret}`);
      log?.(`created the runtime role ${role}`);
    } catch (e) {
      const code = (e as { code?: string }).code;
      // Another database on the same server made it at the same moment: roles are server-wide.
      if (code !== '42710' && code !== '23505') throw explainRoleFailure(e, role);
    }
  } else {
    if (existing.rolsuper || existing.rolbypassrls || existing.rolcreaterole || existing.rolcreatedb) {
      throw new RuntimeRoleError(`the runtime role ${role} must not be a superuser or able to bypass row security, create roles or create databases`);
    }
    if (password !== undefined) {
      // Several instances starting together may set the same password at once: the catalogue
      // reports "tuple concurrently updated" to all but one, and the password is set either way.
      await client.query(`ALTER ROLE ${ident} LOGIN${secret}`).catch(async (e: { code?: string }) => {
        if (e.code !== 'XX000') throw explainRoleFailure(e, role);
      });
    }
  }
}

/**
 * What would let the role step outside its grants: owning something (an owner may ALTER, and so
 * disable triggers, or replace a function), membership of another role (SET ROLE to it), or CREATE
 * on the schema. Checked after the grants, so an operator-made role is held to the same rule.
 */
async function refuseEscapes(client: pg.Client, role: string) {
  const { rows } = await client.query<{ problem: string }>(
    `WITH r AS (SELECT oid FROM pg_roles WHERE rolname = $1)
     SELECT 'owns the database' AS problem FROM pg_database, r WHERE datname = current_database() AND datdba = r.oid
     UNION ALL SELECT 'owns the schema ' || nspname FROM pg_namespace, r WHERE nspowner = r.oid
     UNION ALL SELECT 'owns ' || c.relname FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace, r
       WHERE s.nspname = 'public' AND c.relowner = r.oid
     UNION ALL SELECT 'owns the function ' || p.proname FROM pg_proc p JOIN pg_namespace s ON s.oid = p.pronamespace, r
       WHERE s.nspname = 'public' AND p.proowner = r.oid
     UNION ALL SELECT 'owns the type ' || t.typname FROM pg_type t JOIN pg_namespace s ON s.oid = t.typnamespace, r
       WHERE s.nspname = 'public' AND t.typowner = r.oid
     UNION ALL SELECT 'is a member of ' || pg_get_userbyid(m.roleid) FROM pg_auth_members m, r WHERE m.member = r.oid
     UNION ALL SELECT 'may create objects in the schema public' WHERE has_schema_privilege($1, 'public', 'CREATE')
     LIMIT 1`,
    [role],
  );
  if (rows[0]) {
    throw new RuntimeRoleError(
      `the runtime role ${role} ${rows[0].problem}: it must own nothing, belong to no other role ` +
        'and hold no CREATE on the schema (REVOKE CREATE ON SCHEMA public FROM PUBLIC, as the schema owner)',
    );
  }
}

/** A SCRAM-SHA-256 verifier (RFC 5802, 7677) as PostgreSQL stores it: the server never sees the password. */
export function scramVerifier(password: string, iterations = 4096, salt: Buffer = randomBytes(16)): string {
  const salted = pbkdf2Sync(password.normalize('NFKC'), salt, iterations, 32, 'sha256');
  const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
  const storedKey = createHash('sha256').update(hmac(salted, 'Client Key')).digest();
  const serverKey = hmac(salted, 'Server Key');
  return `SCRAM-SHA-256$${iterations}:${salt.toString('base64')}$${storedKey.toString('base64')}:${serverKey.toString('base64')}`;
}

function explainRoleFailure(e: unknown, role: string): RuntimeRoleError {
  const code = (e as { code?: string }).code;
  if (code === '42501') {
    return new RuntimeRoleError(
      `the owner role may not create or alter the runtime role ${role}: give it CREATEROLE, ` +
        `or create ${role} once yourself and set RUNTIME_DATABASE_URL to its URL (see the README)`,
    );
  }
  return new RuntimeRoleError(`cannot prepare the runtime role ${role}: ${(e as Error).message}`);
}

async function grant(client: pg.Client, role: string, database: string) {
  const ident = client.escapeIdentifier(role);
  const tables = new Set((await client.query<{ t: string }>(`SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'`)).rows.map((r) => r.t));
  const statements = [
    `REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${ident}`,
    `REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${ident}`,
    `GRANT CONNECT ON DATABASE ${client.escapeIdentifier(database)} TO ${ident}`,
    `GRANT USAGE ON SCHEMA public TO ${ident}`,
  ];
  // Identity and serial columns (audit ids, login attempts, notices) draw from their sequences:
  // those of the tables the role inserts into, and no other.
  const inserting = [
    ...Object.entries(RUNTIME_PRIVILEGES)
      .filter(([, p]) => p.includes('INSERT'))
      .map(([t]) => t),
    ...Object.keys(RUNTIME_COLUMN_INSERTS),
  ];
  const sequences = (
    await client.query<{ s: string }>(
      `SELECT DISTINCT seq.relname AS s FROM pg_class seq
       JOIN pg_depend d ON d.objid = seq.oid AND d.classid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_namespace n ON n.oid = seq.relnamespace
      WHERE seq.relkind = 'S' AND n.nspname = 'public' AND t.relname = ANY($1::text[])`,
      [inserting],
    )
  ).rows.map((r) => r.s);
  for (const seq of sequences) statements.push(`GRANT USAGE ON SEQUENCE ${client.escapeIdentifier(seq)} TO ${ident}`);
  // SECURITY DEFINER functions run as the owner: EXECUTE is revoked from PUBLIC on all of them
  // (a migration), and given back here on exactly those the app calls.
  statements.push(`REVOKE EXECUTE ON ALL FUNCTIONS IN SCHEMA public FROM ${ident}`);
  for (const fn of RUNTIME_FUNCTIONS) {
    const { rows } = await client.query<{ p: string | null }>('SELECT to_regprocedure($1)::text AS p', [fn]);
    if (rows[0]?.p) statements.push(`GRANT EXECUTE ON FUNCTION ${rows[0].p} TO ${ident}`);
  }
  for (const [table, privileges] of Object.entries(RUNTIME_PRIVILEGES)) {
    if (tables.has(table) && privileges.length) statements.push(`GRANT ${privileges.join(', ')} ON ${client.escapeIdentifier(table)} TO ${ident}`);
  }
  for (const [table, columns] of Object.entries(RUNTIME_COLUMN_INSERTS)) {
    if (tables.has(table)) {
      statements.push(`GRANT INSERT (${columns.map((c) => client.escapeIdentifier(c)).join(', ')}) ON ${client.escapeIdentifier(table)} TO ${ident}`);
    }
  }
  // One transaction: an instance already running as the role never sees the privileges missing.
  await client.query('BEGIN');
  try {
    for (const sql of statements) await client.query(sql);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => {});
    throw explainRoleFailure(e, role);
  }
}

/** The runtime role's password for `npm start`: derived from AUTH_SECRET, so every instance agrees. */
export function runtimePassword(authSecret: string, role: string): string {
  return createHmac('sha256', authSecret).update(`lantern runtime role ${role}`).digest('base64url');
}
