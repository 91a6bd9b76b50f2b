// One client's side of the conversation: frames its byte stream into messages and groups them into
// batches that PGlite must run in one call. Also fixes up what a private backend would not need:
// statement names shared between clients, and COPY FROM STDIN, which PGlite can only run in one go.
import { cstr, message, query, splitMessages, sync, closeStatement } from './embedded-protocol.ts';
import { analyzeSql } from './embedded-sql.ts';

// Messages after which the client waits for an answer: Sync, simple Query, Flush, FunctionCall.
const BATCH_END = new Set(['S', 'Q', 'H', 'F']);

// PGlite reads COPY data from the same buffer as the query: a COPY FROM STDIN sent alone finds no
// data and the WebAssembly backend exits (the whole database stops). So the server detects it,
// answers CopyInResponse itself, and forwards the query together with the data once it is complete.
const COPY_FROM_STDIN = /^(?:\s|--[^\n]*(?:\n|$)|\/\*[\s\S]*?\*\/)*copy\b[^;]*\bfrom\s+stdin\b/i;

export class FrontendQueue {
  private buf: Buffer = Buffer.alloc(0);
  private ready: Buffer[] = []; // complete messages up to the last batch end
  private partial: Buffer[] = []; // complete messages after it
  private copying = false; // between a COPY FROM STDIN query and its CopyDone/CopyFail
  private fakedCopyIns = 0; // CopyInResponses answered by us, in the ready batches
  private named = new Set<string>(); // the client's names of its prepared statements
  private partialTouches = false; // a complete message after the last batch end may change session state
  private readyTouches = false; // … one in the ready batches
  /** A CopyInResponse the server owes the client, to send once earlier answers are written. */
  copyInOwed = false;
  /** The client sent Terminate. */
  terminated = false;
  /** It did not log in as a superuser: what would raise its role is refused (embedded-sql.ts). */
  restricted = false;

  constructor(readonly prefix: string) {}

  /** Adds received bytes; returns an error text on a malformed stream. */
  push(chunk: Buffer): string | undefined {
    const split = splitMessages(this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk);
    if ('error' in split) return split.error;
    this.buf = Buffer.from(split.rest);
    for (const msg of split.messages) {
      const type = String.fromCharCode(msg[0]!);
      if (type === 'X') {
        this.terminated = true;
        return;
      }
      if (this.copying) {
        if (type === 'S' || type === 'H') continue; // ignored during COPY, as by PostgreSQL
        this.partial.push(msg);
        if (type === 'd') continue;
        this.copying = false;
        this.fakedCopyIns++;
      } else if (type === 'Q' && COPY_FROM_STDIN.test(msg.subarray(5, -1).toString('utf8'))) {
        this.copying = this.copyInOwed = true;
        this.partial.push(msg);
        continue;
      } else {
        this.partial.push(this.rewriteSql(this.renameStatement(refuseExtendedCopy(msg))));
        if (!BATCH_END.has(type)) continue;
      }
      this.ready.push(...this.partial.splice(0));
      this.readyTouches ||= this.partialTouches;
      this.partialTouches = false;
    }
  }

  get hasBatch() {
    return this.ready.length > 0;
  }

  /**
   * Everything ready to run, how many CopyInResponses to drop from PGlite's answer to it, and
   * whether it may change session state (SET, RESET, set_config, …), which must then be saved.
   */
  take(): { bytes: Buffer; fakedCopyIns: number; touchesSession: boolean } {
    const batch = { bytes: Buffer.concat(this.ready.splice(0)), fakedCopyIns: this.fakedCopyIns, touchesSession: this.readyTouches };
    this.fakedCopyIns = 0;
    this.readyTouches = false;
    return batch;
  }

  clear() {
    this.ready = [];
    this.partial = [];
    this.partialTouches = this.readyTouches = false;
  }

  get hasStatements() {
    return this.named.size > 0;
  }

  /** Leaves the shared backend as a fresh session would find it: no transaction, no statements. */
  cleanupBatch(): Buffer {
    // ROLLBACK ends an explicit or implicit (unsynced extended) transaction; if an extended-protocol
    // error left the backend skipping to Sync, the Sync and second ROLLBACK do the job instead.
    const msgs = [query('ROLLBACK'), sync(), query('ROLLBACK')];
    for (const name of this.named) msgs.push(closeStatement(this.prefix + name));
    this.named.clear();
    return Buffer.concat([...msgs, sync()]);
  }

  /**
   * The SQL of a simple Query or a Parse, as embedded-sql.ts reads it: SQL-level PREPARE / EXECUTE /
   * DEALLOCATE names get the client's prefix like protocol-level ones, statements the shared
   * session cannot give one client are replaced by a failing one, and session changes are noted.
   */
  private rewriteSql(msg: Buffer): Buffer {
    const type = msg[0];
    if (type !== 0x51 /* 'Q' */ && type !== 0x50 /* 'P' */) return msg;
    const at = type === 0x51 ? 5 : msg.indexOf(0, 5) + 1;
    const end = msg.indexOf(0, at);
    const sql = msg.subarray(at, end).toString('utf8');
    const a = analyzeSql(sql, this.prefix, type === 0x50, this.restricted);
    this.partialTouches ||= a.touchesSession;
    for (const name of a.prepared) this.named.add(name);
    for (const name of a.deallocated) this.named.delete(name);
    if (a.sql === sql) return msg;
    return message(String.fromCharCode(type), msg.subarray(5, at), cstr(a.sql), msg.subarray(end + 1));
  }

  /**
   * Prepared statements live in PGlite's single backend, shared by every client. Two clients (or a
   * client and a later one) preparing "s1" would collide, so named statements get a per-client
   * prefix in Parse, Bind, Describe and Close. The unnamed statement ("") is left alone: clients
   * send it in the same batch as its use, which runs without interruption.
   */
  private renameStatement(msg: Buffer): Buffer {
    const type = String.fromCharCode(msg[0]!);
    const readCstr = (at: number) => {
      const end = msg.indexOf(0, at);
      return { value: msg.subarray(at, end).toString('utf8'), next: end + 1 };
    };
    const rebuild = (at: number, end: number, name: string) => message(type, msg.subarray(5, at), cstr(this.prefix + name), msg.subarray(end));
    if (type === 'P') {
      const { value, next } = readCstr(5);
      if (value) this.named.add(value);
      return value ? rebuild(5, next, value) : msg;
    }
    if (type === 'B') {
      const portal = readCstr(5);
      const { value, next } = readCstr(portal.next);
      return value ? rebuild(portal.next, next, value) : msg;
    }
    if ((type === 'D' || type === 'C') && msg[5] === 0x53 /* 'S' */) {
      const { value, next } = readCstr(6);
      if (value && type === 'C') this.named.delete(value);
      return value ? rebuild(6, next, value) : msg;
    }
    return msg;
  }
}

/** COPY FROM STDIN over the extended protocol cannot be fed that way; Parse gets a query that errors instead. */
function refuseExtendedCopy(msg: Buffer): Buffer {
  if (msg[0] !== 0x50 /* 'P' */) return msg;
  const nameEnd = msg.indexOf(0, 5);
  const queryEnd = msg.indexOf(0, nameEnd + 1);
  if (!COPY_FROM_STDIN.test(msg.subarray(nameEnd + 1, queryEnd).toString('utf8'))) return msg;
  const sql = "select 'the embedded database accepts COPY FROM STDIN only as a simple query'::int";
  return message('P', msg.subarray(5, nameEnd + 1), cstr(sql), msg.subarray(queryEnd + 1));
}
