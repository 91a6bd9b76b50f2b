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

// Only such texts can need anything (a statement starting with one of the words, or the words
// anywhere that matter there; comments could hide a statement's start): the common path, the
// app's SELECT / INSERT / UPDATE … SET, skips the tokenizer.
const CANDIDATE =
  /(?:^|;)\s*(?:set|reset|prepare|execute|deallocate|discard)\b|\bas\s+execute\b|\bexplain\b[^;]*\bexecute\b|\bset_config\b|\btemp(?:orary)?\b|\bpg_temp\b|\/\*|--/i;

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
  for (let i = 0; i < sql.length; ) {
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
