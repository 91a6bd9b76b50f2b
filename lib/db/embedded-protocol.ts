// The few pieces of the PostgreSQL v3 wire protocol that the embedded server must speak itself:
// PGlite runs a single backend with no startup/authentication phase of its own for remote clients,
// so the server answers the startup handshake and only forwards the frontend messages that follow.
// Reference: https://www.postgresql.org/docs/current/protocol-message-formats.html

import { randomInt } from 'node:crypto';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const MAX_STARTUP_LENGTH = 10_000;

export type Startup =
  | { kind: 'ssl' | 'gss' | 'cancel'; length: number }
  | { kind: 'startup'; length: number; major: number; minor: number; params: Map<string, string> }
  | { kind: 'invalid'; length: number };

/** Reads the first message of a connection (it has no type byte); null while incomplete. */
export function parseStartup(buf: Buffer): Startup | null {
  if (buf.length < 8) return null;
  const length = buf.readInt32BE(0);
  if (length < 8 || length > MAX_STARTUP_LENGTH) return { kind: 'invalid', length };
  if (buf.length < length) return null;
  const code = buf.readInt32BE(4);
  if (code === SSL_REQUEST) return { kind: 'ssl', length };
  if (code === GSSENC_REQUEST) return { kind: 'gss', length };
  if (code === CANCEL_REQUEST) return { kind: 'cancel', length };
  const params = new Map<string, string>();
  const fields = buf
    .subarray(8, length - 1)
    .toString('utf8')
    .split('\0');
  for (let i = 0; i + 1 < fields.length; i += 2) params.set(fields[i]!, fields[i + 1]!);
  return { kind: 'startup', length, major: code >>> 16, minor: code & 0xffff, params };
}

export const cstr = (s: string) => Buffer.from(`${s}\0`, 'utf8');
const int32 = (n: number) => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

/** Frames one backend (or frontend) message: type byte, int32 length including itself, body. */
export function message(type: string, ...parts: Buffer[]): Buffer {
  const body = Buffer.concat(parts);
  return Buffer.concat([Buffer.from(type, 'latin1'), int32(body.length + 4), body]);
}

export const authenticationOk = () => message('R', int32(0));
export const parameterStatus = (name: string, value: string) => message('S', cstr(name), cstr(value));
export const backendKeyData = (pid: number, secret: number) => message('K', int32(pid), int32(secret));
export const readyForQuery = (status: 'I' | 'T' | 'E') => message('Z', Buffer.from(status));
export const query = (sql: string) => message('Q', cstr(sql));
export const sync = () => message('S');
export const closeStatement = (name: string) => message('C', Buffer.from('S'), cstr(name));
/** Text-format CopyInResponse; column count 0 because it is sent before the backend saw the query. */
export const copyInResponse = () => message('G', Buffer.from([0, 0, 0]));

/** Removes the first `count` CopyInResponse messages (already sent by the server itself). */
export function stripCopyIn(buf: Uint8Array, count: number): Uint8Array {
  if (!count) return buf;
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const keep: Buffer[] = [];
  for (let at = 0; at + 5 <= view.length;) {
    const end = at + 1 + view.readInt32BE(at + 1);
    if (view[at] === 0x47 && count > 0) count--;
    else keep.push(view.subarray(at, end));
    at = end;
  }
  return Buffer.concat(keep);
}

// Reported to clients as they connect, as a real server would (drivers read e.g. integer_datetimes).
export const REPORTED_SETTINGS = [
  'server_version',
  'server_encoding',
  'client_encoding',
  'DateStyle',
  'IntervalStyle',
  'integer_datetimes',
  'standard_conforming_strings',
  'TimeZone',
  'is_superuser',
  'in_hot_standby',
];

/** The reply to a startup message: no authentication (local only), one database, protocol 3.0. */
export function answerStartup(
  s: Extract<Startup, { kind: 'startup' }>,
  settings: { name: string; value: string }[],
  pid: number,
  login: { user: string; superuser: boolean },
): { reply: Buffer } | { refuse: [code: string, text: string] } {
  if (s.major !== 3) return { refuse: ['0A000', `unsupported frontend protocol ${s.major}.${s.minor}`] };
  const database = s.params.get('database') || s.params.get('user') || 'postgres';
  if (database !== 'postgres') {
    return { refuse: ['3D000', `database "${database}" does not exist (the embedded server has only "postgres")`] };
  }
  const unknown = [...s.params.keys()].filter((k) => k.startsWith('_pq_.'));
  const out = s.minor !== 0 || unknown.length ? [negotiateProtocolVersion(unknown)] : [];
  out.push(authenticationOk());
  for (const { name, value } of settings) {
    out.push(parameterStatus(name, name === 'is_superuser' ? (login.superuser ? 'on' : 'off') : value));
  }
  out.push(parameterStatus('session_authorization', login.user));
  out.push(parameterStatus('application_name', s.params.get('application_name') ?? ''));
  out.push(backendKeyData(pid, randomInt(2 ** 31)), readyForQuery('I'));
  return { reply: Buffer.concat(out) };
}

/** Tells a client asking for protocol 3.x (x > 0) or `_pq_.` options that we speak 3.0 only. */
export const negotiateProtocolVersion = (unrecognized: string[]) => message('v', int32(0x30000), int32(unrecognized.length), ...unrecognized.map(cstr));

export function errorResponse(severity: 'ERROR' | 'FATAL', code: string, text: string): Buffer {
  const field = (t: string, v: string) => Buffer.concat([Buffer.from(t), cstr(v)]);
  return message('E', field('S', severity), field('V', severity), field('C', code), field('M', text), Buffer.from([0]));
}

/** Splits complete typed messages off the front of `buf`; `rest` is an incomplete tail. */
export function splitMessages(buf: Buffer): { messages: Buffer[]; rest: Buffer } | { error: string } {
  const messages: Buffer[] = [];
  let at = 0;
  while (buf.length - at >= 5) {
    const length = buf.readInt32BE(at + 1);
    if (length < 4) return { error: `invalid message length ${length}` };
    if (buf.length - at < length + 1) break;
    messages.push(buf.subarray(at, at + 1 + length));
    at += 1 + length;
  }
  return { messages, rest: buf.subarray(at) };
}

/**
 * The transaction status of the last ReadyForQuery in a backend response (null if none), and
 * whether the backend reported a changed setting (ParameterStatus: SET, set_config, SET ROLE, …).
 */
export function readAnswer(buf: Uint8Array): { ready: 'I' | 'T' | 'E' | null; reported: boolean; errors: boolean } {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  let ready: 'I' | 'T' | 'E' | null = null;
  let reported = false;
  let errors = false;
  for (let at = 0; at + 5 <= view.length; at += 1 + view.readInt32BE(at + 1)) {
    if (view[at] === 0x5a && at + 6 <= view.length) ready = String.fromCharCode(view[at + 5]!) as 'I' | 'T' | 'E';
    if (view[at] === 0x53 /* 'S' */) reported = true;
    if (view[at] === 0x45 /* 'E' */) errors = true;
  }
  return { ready, reported, errors };
}

/** Takes a client's statement-name prefix out of error texts ("prepared statement "c3_q" …"). */
export function unprefixErrors(buf: Uint8Array, prefix: string): Uint8Array {
  const view = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  const quoted = Buffer.from(`"${prefix}`);
  if (view.indexOf(quoted) < 0) return buf;
  const out: Buffer[] = [];
  for (let at = 0; at + 5 <= view.length;) {
    const end = at + 1 + view.readInt32BE(at + 1);
    const msg = view.subarray(at, end);
    if (msg[0] === 0x45 && msg.indexOf(quoted) >= 0) {
      out.push(message('E', Buffer.from(msg.subarray(5).toString('utf8').split(`"${prefix}`).join('"'))));
    } else out.push(msg);
    at = end;
  }
  return Buffer.concat(out);
}
