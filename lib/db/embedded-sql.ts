// Reads the SQL a client sends to the embedded server just far enough to keep clients apart on
// PGlite's single session: which statements may change session state (to be saved and restored
// per client), SQL-level prepared statement names (given the client's prefix, as protocol-level
// ones are), and what the shared session cannot give each client (temporary tables, DISCARD ALL,
// DEALLOCATE ALL), replaced by a statement that fails with a plain message.

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

// Only texts with one of these words can need anything: the common path skips the tokenizer.
const CANDIDATE = /set|prepare|execute|deallocate|discard|temp/i;

export const REFUSED = {
  temp: 'temporary tables are not available on the embedded database, whose clients share one PostgreSQL session: ' +
    'use a regular table, or CREATE TEMP TABLE … ON COMMIT DROP inside a transaction',
  discardAll: 'DISCARD ALL is not available on the embedded database, whose clients share one PostgreSQL session: ' +
    'use RESET ALL and DEALLOCATE name',
  deallocateAll: 'DEALLOCATE ALL is not available on the embedded database, whose clients share one PostgreSQL session: ' +
    'deallocate statements by name',
};

/** A simple-protocol statement that fails with `message` when run (SQLSTATE 0A000). */
export const failingStatement = (message: string) =>
  `DO $lantern$BEGIN RAISE EXCEPTION USING ERRCODE = 'feature_not_supported', MESSAGE = ${literal(message)}; END$lantern$`;
/** An extended-protocol query that fails at Parse (before Bind can complain about parameters). */
export const failingParse = (message: string) => `SELECT ${literal(message)}::pg_catalog.int4`;
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

export function analyzeSql(sql: string, prefix: string, extended: boolean): SqlAnalysis {
  const result: SqlAnalysis = { sql, touchesSession: false, prepared: [], deallocated: [] };
  if (!CANDIDATE.test(sql)) return result;
  const edits: { start: number; end: number; text: string }[] = [];
  const rename = (t: Token | undefined, list: string[]) => {
    if (!t || (t.kind !== 'word' && t.kind !== 'quoted')) return;
    const quoted = t.kind === 'quoted';
    list.push(quoted ? t.text.slice(1, -1).replace(/""/g, '"') : t.text.toLowerCase());
    edits.push({ start: t.start, end: t.end, text: quoted ? `"${prefix}${t.text.slice(1)}` : prefix + t.text });
  };
  for (const stmt of statements(tokenize(sql))) {
    const refusal = refusalOf(stmt);
    if (refusal) {
      if (extended) return { ...result, sql: failingParse(refusal) };
      edits.push({ start: stmt[0]!.start, end: stmt.at(-1)!.end, text: failingStatement(refusal) });
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
  let i = 0;
  while (i < sql.length) {
    const start = i;
    const [kind, end] = scan(sql, i);
    i = Math.max(end, i + 1);
    if (kind) tokens.push({ kind, text: sql.slice(start, i), start, end: i });
  }
  return tokens;
}

/** The kind (none for space and comments) and end of the token starting at i. */
function scan(sql: string, i: number): [Token['kind'] | null, number] {
  const c = sql[i]!;
  if (/\s/.test(c)) return [null, i + 1];
  if (c === '-' && sql[i + 1] === '-') return [null, lineEnd(sql, i)];
  if (c === '/' && sql[i + 1] === '*') return [null, commentEnd(sql, i)];
  // E'…' strings (the E was the word before) honour backslash escapes.
  if (c === "'") return ['other', stringEnd(sql, i + 1, /[eE]/.test(sql[i - 1] ?? '') && !/\w/.test(sql[i - 2] ?? ''))];
  if (c === '"') return ['quoted', quotedEnd(sql, i + 1)];
  if (c === '$') {
    DOLLAR_TAG.lastIndex = i;
    const tag = DOLLAR_TAG.exec(sql)?.[0];
    if (tag) {
      const close = sql.indexOf(tag, i + tag.length);
      return ['other', close < 0 ? sql.length : close + tag.length];
    }
  }
  WORD.lastIndex = i;
  if (/[A-Za-z_\u0080-\uffff]/.test(c) && WORD.exec(sql)) return ['word', WORD.lastIndex];
  OTHER.lastIndex = i;
  if (/[0-9$]/.test(c) && OTHER.exec(sql)) return ['other', OTHER.lastIndex];
  return ['punct', i + 1];
}

const DOLLAR_TAG = /\$(?:[A-Za-z_]\w*)?\$/y;
const WORD = /[\w$\u0080-\uffff]+/y;
const OTHER = /[\w.$]+/y;

const lineEnd = (sql: string, i: number) => (sql.indexOf('\n', i) < 0 ? sql.length : sql.indexOf('\n', i) + 1);

function commentEnd(sql: string, i: number): number {
  let depth = 0;
  while (i < sql.length) {
    if (sql.startsWith('/*', i)) {
      depth++;
      i += 2;
    }
    else if (sql.startsWith('*/', i)) {
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
