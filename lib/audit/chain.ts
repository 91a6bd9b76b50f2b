import 'server-only';
import type { ChainProblem } from './chain-words.ts';

// The audit log's hash chain, checked. Each audit event has one entry in audit_chain, appended at
// its transaction's commit, whose hash is SHA-256(previous entry's hash || the event's bytes)
// (prisma/migrations/20261208020000_audit_chain documents the encoding). The walk, the judging and
// the recording all live in SQL (audit_chain_verify, audit_verify_and_record in
// 20261208030000_definer_privileges), so whoever calls them cannot choose the result; this file
// names their columns and turns a result row into what the page and the command show.

export type ChainHead = { seq: bigint; eventId: bigint; hash: string };

export type ChainVerification = {
  ok: boolean;
  /** Entries judged, up to and including the first broken one. */
  entries: number;
  /** The last entry judged intact: the hash to note outside the database. */
  head: ChainHead | null;
  broken: { problem: ChainProblem; eventId: bigint | null; seq: bigint | null } | null;
};

/** A row of audit_chain_verify / audit_verify_and_record. */
export type VerificationRow = {
  ok: boolean;
  entries: bigint | string;
  head_seq: bigint | string | null;
  head_event_id: bigint | string | null;
  head_hash: Uint8Array | null;
  broken_seq: bigint | string | null;
  broken_event_id: bigint | string | null;
  problem: ChainProblem | null;
};

/** The columns of a verification row (pg returns bigint as text, Prisma as bigint: both read back). */
export const VERIFICATION_COLUMNS = 'ok, entries, head_seq, head_event_id, head_hash, broken_seq, broken_event_id, problem';

const big = (v: bigint | string | null): bigint | null => (v == null ? null : BigInt(v));

export function toVerification(r: VerificationRow): ChainVerification {
  const headSeq = big(r.head_seq);
  return {
    ok: r.ok,
    entries: Number(r.entries),
    head: headSeq != null && r.head_hash ? { seq: headSeq, eventId: big(r.head_event_id)!, hash: Buffer.from(r.head_hash).toString('hex') } : null,
    broken: r.problem ? { problem: r.problem, eventId: big(r.broken_event_id), seq: big(r.broken_seq) } : null,
  };
}

/** `checked 1,234 of 5,678 entries`, the NOTICE audit_chain_verify raises after each batch. */
export function parseProgress(message: string): { checked: number; total: number } | null {
  const m = /^checked (\d+) of (\d+) entries$/.exec(message);
  return m ? { checked: Number(m[1]), total: Number(m[2]) } : null;
}
