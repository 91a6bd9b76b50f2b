// Reads the SQL a client sends to the embedded server just far enough to keep clients apart on
// PGlite's single session: which statements may change session state (to be saved and restored
// per client), SQL-level prepared statement names (given the client's prefix, as protocol-level
// ones are), and what the shared session cannot give each client (temporary tables, DISCARD ALL,
// DEALLOCATE ALL), replaced by a statement that fails with a plain message.
//
// A client that did not log in as a superuser runs as its role by SET SESSION AUTHORIZATION on a
// session whose real user, PGlite's postgres, is a superuser, so PostgreSQL itself would let it
// SET SESSION AUTHORIZATION back to postgres. What it must not run is refused here (42501), as read
// from its SQL: setting the session authorization or the role by any SET / RESET form or set_config
// (whose setting must then be a plain string literal), and code whose text this reader cannot see
// (DO blocks, CREATE FUNCTION / PROCEDURE, functions that run SQL given as a string, U&"…" names),
// and settings that would change how this reader must read a statement (client_encoding,
// standard_conforming_strings, UPDATE pg_settings).
// This is no security boundary (no password is asked: anyone local can log in as postgres); it
// keeps the app's role inside its grants, so a missing grant fails a test as it would in production.

type Token = { kind: 'word' | 'quoted' | 'punct' | 'other'; text: string; start: number; end: number };

export type SqlAnalysis = {
  /** The text to run: the same string unless a name was prefixed or a statement refused. */
  sql: string;
  /** A statement may leave session state behind (SET, RESET, set_config(…, false), …). */
  touchesSession: boolean;
  /** SQL-level prepared statements created / removed, by their name without the prefix. */
  prepared: string[];
  deallocated: string[];
};

// Only such texts can need anything (a statement starting with one of the words, or the words
// anywhere that matter there; comments could hide a statement's start): the common path, the
// app's SELECT / INSERT / UPDATE … SET, skips the tokenizer.
const CANDIDATE =
  /(?:^|;)\s*(?:set|reset|prepare|execute|deallocate|discard)\b|\bas\s+execute\b|\bexplain\b[^;]*\bexecute\b|\bset_config\b|\btemp(?:orary)?\b|\bpg_temp\b|\/\*|--/i;

// …and for a client that did not log in as a superuser: its words a statement may contain.
const RESTRICTED_CANDIDATE = /\b(?:do|function|procedure|ts_stat|ts_rewrite|query_to_xml\w*|pg_settings)\b|u&/i;

export const REFUSED = {
  temp:
    'temporary tables are not available on the embedded database, whose clients share one PostgreSQL session: ' +
    'use a regular table, or CREATE TEMP TABLE … ON COMMIT DROP inside a transaction',
  discardAll: 'DISCARD ALL is not available on the embedded database, whose clients share one PostgreSQL session: ' + 'use RESET ALL and DEALLOCATE name',
  deallocateAll: 'DEALLOCATE ALL is not available on the embedded database, whose clients share one PostgreSQL session: ' + 'deallocate statements by name',
};

/** Refused to a client that did not log in as a superuser (SQLSTATE 42501), in PostgreSQL's words where it has them. */
export const DENIED = {
  sessionAuthorization: 'permission denied to set session authorization',
  role: (name: string) => `permission denied to set role "${name}"`,
  resetRole: 'permission denied to reset role',
  setting: (name: string) =>
    `permission denied to set parameter "${name}" on the embedded database as a role other than postgres ` + '(it changes how the server must read statements)',
  unreadSetting:
    'permission denied to call set_config without a plain string literal as the setting name ' +
    '(the embedded database must see that it is not role or session_authorization)',
  unreadCode: (what: string) =>
    `permission denied to run ${what} on the embedded database as a role other than postgres ` + '(it cannot read what the code would do)',
  sqlText: (fn: string) =>
    `permission denied for function ${fn} on the embedded database as a role other than postgres ` +
    '(it runs SQL given as text, which the embedded database cannot read)',
};

type Refusal = { message: string; code: 'feature_not_supported' | 'insufficient_privilege' };

/** A simple-protocol statement that fails with `message` when run (SQLSTATE 0A000, or 42501 for insufficient_privilege). */
export const failingStatement = (message: string, code: Refusal['code'] = 'feature_not_supported') =>
  `DO $lantern$BEGIN RAISE EXCEPTION USING ERRCODE = '${code}', MESSAGE = ${literal(message)}; END$lantern$`;
/** An extended-protocol query that fails at Parse (before Bind can complain about parameters). */
export const failingParse = (message: string) => `SELECT ${literal(message)}::pg_catalog.int4`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** `restricted`: the client did not log in as a superuser (see the top of this file). */
export function analyzeSql(sql: string, prefix: string, extended: boolean, restricted = false): SqlAnalysis {
  const result: SqlAnalysis = { sql, touchesSession: false, prepared: [], deallocated: [] };
  if (!CANDIDATE.test(sql) && !(restricted && RESTRICTED_CANDIDATE.test(sql))) return result;
  const edits: { start: number; end: number; text: string }[] = [];
  const rename = (t: Token | undefined, list: string[]) => {
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted')) return;
    const quoted = t.kind === 'quoted';
    list.push(quoted ? t.text.slice(1, -1).replace(/""/g, '"') : t.text.toLowerCase());
    edits.push({ start: t.start, end: t.end, text: quoted ? `"${prefix}${t.text.slice(1)}` : prefix + t.text });
  };
  const tokens = tokenize(sql);
  for (const stmt of statements(tokens)) {
    const unavailable = refusalOf(stmt);
    const refusal: Refusal | undefined =
      (restricted ? deniedOf(stmt) : undefined) ?? (unavailable ? { message: unavailable, code: 'feature_not_supported' } : undefined);
    if (refusal) {
      // A Parse with parameters must fail at once (Bind would complain about their number first).
      const parameters = tokens.some((t) => /^\$\d/.test(t.text));
      if (extended && (parameters || refusal.code === 'feature_not_supported')) return { ...result, sql: failingParse(refusal.message) };
      if (extended) return { ...result, sql: failingStatement(refusal.message, refusal.code) };
      edits.push({ start: stmt[0]!.start, end: stmt.at(-1)!.end, text: failingStatement(refusal.message, refusal.code) });
      continue;
    }
    const w = (i: number) => (stmt[i]?.kind === 'word' ? stmt[i]!.text.toLowerCase() : '');
    if ((w(0) === 'set' && !['local', 'transaction', 'constraints'].includes(w(1))) || w(0) === 'reset') result.touchesSession = true;
    if (stmt.some((t, i) => t.kind === 'word' && /^set_config$/i.test(t.text) && !isLocalSetConfig(stmt, i))) result.touchesSession = true;
    if (w(0) === 'prepare' && w(1) !== 'transaction') rename(stmt[1], result.prepared);
    if (w(0) === 'deallocate') rename(stmt[w(1) === 'prepare' ? 2 : 1], result.deallocated);
    stmt.forEach((t, i) => {
      if (t.kind === 'word' && t.text.toLowerCase() === 'execute' && isPreparedExecute(stmt, i)) rename(stmt[i + 1], []);
    });
  }
  for (const e of edits.sort((a, b) => b.start - a.start)) result.sql = result.sql.slice(0, e.start) + e.text + result.sql.slice(e.end);
  return result;
}

function refusalOf(stmt: Token[]): string | undefined {
  const words = stmt.map((t) => (t.kind === 'word' ? t.text.toLowerCase() : t.text));
  const has = (...seq: string[]) => words.some((_, i) => seq.every((s, k) => words[i + k] === s));
  if (words[0] === 'discard' && words[1] === 'all') return REFUSED.discardAll;
  if (words[0] === 'deallocate' && (words[1] === 'all' || (words[1] === 'prepare' && words[2] === 'all'))) return REFUSED.deallocateAll;
  if (words[0] === 'create') {
    const kind = words.slice(1).find((x) => !['or', 'replace', 'global', 'local'].includes(x));
    const temp = kind === 'temp' || kind === 'temporary' || has('pg_temp', '.');
    // ON COMMIT DROP inside a transaction never outlives the client's turn (it holds the lock).
    if (temp && !has('on', 'commit', 'drop')) return REFUSED.temp;
  }
  if (words[0] === 'select' && (has('into', 'temp') || has('into', 'temporary'))) return REFUSED.temp;
}

/** What a client that did not log in as a superuser may not run (see the top of this file). */
function deniedOf(stmt: Token[]): Refusal | undefined {
  const words = stmt.map(name);
  const denied = (message: string): Refusal => ({ message, code: 'insufficient_privilege' });
  if (words[0] === 'set' || words[0] === 'reset') {
    // SET [SESSION | LOCAL] SESSION AUTHORIZATION …, SET [SESSION | LOCAL] {session_authorization | role} {TO | =} …
    let k = 1;
    if (words[0] === 'set' && (words[1] === 'local' || (words[1] === 'session' && words[2] !== 'authorization'))) k = 2;
    if (words[k] === 'session_authorization' || (words[k] === 'session' && words[k + 1] === 'authorization')) {
      return denied(DENIED.sessionAuthorization);
    }
    if (words[0] === 'set' && PINNED.has(words[k]!)) return denied(DENIED.setting(words[k]!));
    if (words[k] === 'role') {
      if (words[0] === 'reset') return denied(DENIED.resetRole);
      const target = stmt[words[k + 1] === 'to' || words[k + 1] === '=' ? k + 2 : k + 1];
      return denied(DENIED.role(target ? (target.kind === 'other' ? unquoteString(target.text) : name(target)) : ''));
    }
  }
  if (words[0] === 'do') return denied(DENIED.unreadCode('a DO block'));
  // Its rule calls set_config with a name this reader does not see.
  if (words.includes('pg_settings') && (words.includes('update') || words.includes('merge'))) return denied(DENIED.setting('pg_settings'));
  if (words[0] === 'create') {
    const kind = words.slice(1).find((x) => !['or', 'replace'].includes(x));
    if (kind === 'function' || kind === 'procedure') return denied(DENIED.unreadCode(`CREATE ${kind.toUpperCase()}`));
  }
  for (let i = 0; i < stmt.length; i++) {
    const t = stmt[i]!;
    if (t.kind === 'word' && t.text.toLowerCase() === 'u' && stmt[i + 1]?.text === '&' && stmt[i + 1]!.start === t.end) {
      return denied(DENIED.unreadCode('SQL with a Unicode-escaped name or string (U&)'));
    }
    if (stmt[i + 1]?.text !== '(') continue;
    if (SQL_TEXT_FUNCTIONS.has(words[i]!)) return denied(DENIED.sqlText(words[i]!));
    if (words[i] !== 'set_config') continue;
    const arg = stmt[i + 2];
    const literal = arg?.kind === 'other' && arg.text.startsWith("'") && stmt[i + 3]?.text === ',';
    if (!literal) return denied(DENIED.unreadSetting);
    const setting = unquoteString(arg.text).toLowerCase();
    if (setting === 'session_authorization') return denied(DENIED.sessionAuthorization);
    if (PINNED.has(setting)) return denied(DENIED.setting(setting));
    if (setting === 'role') {
      const value = stmt[i + 4]?.kind === 'other' && stmt[i + 4]!.text.startsWith("'") ? unquoteString(stmt[i + 4]!.text) : '';
      return denied(DENIED.role(value));
    }
  }
}

// Settings that change how a statement's text is read (quotes and backslashes, or the bytes of a
// multibyte encoding), which this reader assumes UTF-8 and standard_conforming_strings on; names: SET NAMES.
const PINNED = new Set(['client_encoding', 'names', 'standard_conforming_strings', 'backslash_quote']);

// Functions that run SQL given as a string (ts_rewrite in its (tsquery, text) form).
const SQL_TEXT_FUNCTIONS = new Set(['ts_stat', 'ts_rewrite', 'query_to_xml', 'query_to_xmlschema', 'query_to_xml_and_xmlschema']);

/** A word lower-cased, a quoted identifier's name (lower-cased too: setting names ignore case), other tokens as written. */
const name = (t: Token) => (t.kind === 'word' ? t.text.toLowerCase() : t.kind === 'quoted' ? t.text.slice(1, -1).replace(/""/g, '"').toLowerCase() : t.text);
const unquoteString = (s: string) => s.slice(1, -1).replace(/''/g, "'");

/** set_config(name, value, true) only lasts until the transaction ends. */
function isLocalSetConfig(stmt: Token[], i: number): boolean {
  if (stmt[i + 1]?.text !== '(') return true; // not a call
  let depth = 0;
  for (let k = i + 1; k < stmt.length; k++) {
    const t = stmt[k]!.text;
    if (t === '(') depth++;
    else if (t === ')' && --depth === 0) return /^true$/i.test(stmt[k - 1]!.text) && stmt[k - 2]?.text === ',';
  }
  return false;
}

/** EXECUTE name as a statement, after EXPLAIN's options or CREATE TABLE … AS; not EXECUTE FUNCTION/ON. */
function isPreparedExecute(stmt: Token[], i: number): boolean {
  const next = stmt[i + 1];
  if (!next || (next.kind === 'word' && /^(function|procedure|on)$/i.test(next.text))) return false;
  if (i === 0) return true;
  const before = stmt[i - 1]!.text.toLowerCase();
  return before === 'as' || (stmt[0]!.text.toLowerCase() === 'explain' && /^(explain|analyze|analyse|verbose|\))$/.test(before));
}

function statements(tokens: Token[]): Token[][] {
  const out: Token[][] = [[]];
  for (const t of tokens) {
    if (t.text === ';') out.push([]);
    else out.at(-1)!.push(t);
  }
  return out.filter((s) => s.length);
}

/** Words, quoted identifiers and punctuation; strings, dollar quotes, comments and numbers are 'other'. */
export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < sql.length;) {
    const [kind, end] = scanToken(sql, i);
    if (kind) tokens.push({ kind, text: sql.slice(i, end), start: i, end });
    i = end;
  }
  return tokens;
}

/** The kind (null for space and comments) and end of the token that starts at i. */
function scanToken(sql: string, i: number): [Token['kind'] | null, number] {
  const c = sql.charCodeAt(i);
  const next = sql.charCodeAt(i + 1);
  if (c <= 32) return [null, i + 1];
  if (c === 45 /* - */ && next === 45) return [null, lineEnd(sql, i)];
  if (c === 47 /* / */ && next === 42 /* * */) return [null, commentEnd(sql, i)];
  // E'…' strings (the E was the word before) honour backslash escapes.
  if (c === 39 /* ' */) return ['other', stringEnd(sql, i + 1, isEscapeString(sql, i))];
  if (c === 34 /* " */) return ['quoted', quotedEnd(sql, i + 1)];
  let end = i + 1;
  if (isWordStart(c)) {
    while (end < sql.length && (isWordStart(sql.charCodeAt(end)) || isDigitOrDollar(sql.charCodeAt(end)))) end++;
    return ['word', end];
  }
  const tag = c === 36 /* $ */ ? dollarTag(sql, i) : undefined;
  if (tag) {
    const close = sql.indexOf(tag, i + tag.length);
    return ['other', close < 0 ? sql.length : close + tag.length];
  }
  if (!isDigitOrDollar(c)) return ['punct', i + 1];
  while (end < sql.length && (isWordStart(sql.charCodeAt(end)) || isDigitOrDollar(sql.charCodeAt(end)) || sql.charCodeAt(end) === 46)) end++;
  return ['other', end];
}

const isWordStart = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || c >= 128;
const isDigitOrDollar = (c: number) => (c >= 48 && c <= 57) || c === 36;
const isEscapeString = (sql: string, i: number) =>
  (sql[i - 1] === 'e' || sql[i - 1] === 'E') && !(i >= 2 && (isWordStart(sql.charCodeAt(i - 2)) || isDigitOrDollar(sql.charCodeAt(i - 2))));

/** `$tag$` or `$$` opening a dollar-quoted string at i, or undefined ($1 is a parameter). */
function dollarTag(sql: string, i: number): string | undefined {
  let k = i + 1;
  if (isWordStart(sql.charCodeAt(k))) while (isWordStart(sql.charCodeAt(k)) || (sql.charCodeAt(k) >= 48 && sql.charCodeAt(k) <= 57)) k++;
  return sql.charCodeAt(k) === 36 ? sql.slice(i, k + 1) : undefined;
}

const lineEnd = (sql: string, i: number) => (sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i) + 1);

function commentEnd(sql: string, i: number): number {
  let depth = 0;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    } else if (sql.startsWith('*/', i)) {
      i += 2;
      if (--depth === 0) return i;
    } else i++;
  }
  return i;
}

function stringEnd(sql: string, i: number, backslashes: boolean): number {
  while (i < sql.length) {
    if (backslashes && sql[i] === '\\') i += 2;
    else if (sql[i] === "'") {
      if (sql[i + 1] !== "'") return i + 1;
      i += 2;
    } else i++;
  }
  return i;
}

function quotedEnd(sql: string, i: number): number {
  while (i < sql.length) {
    if (sql[i] === '"') {
      if (sql[i + 1] !== '"') return i + 1;
      i += 2;
    } else i++;
  }
  return i;
}
