import 'server-only';
import { db } from '@/lib/db/client.ts';
import type { ChainProblem } from './chain-words.ts';

// The audit log's hash chain, checked. Each audit event has one entry in audit_chain, appended at
// its transaction's commit, whose hash is SHA-256(previous entry's hash || the event's bytes)
// (prisma/migrations/20261208020000_audit_chain documents the encoding). The hashing and the
// judging of each entry live in SQL (audit_chain_check); this walks the chain in batches.

export type ChainHead = { seq: bigint; eventId: bigint; hash: string };

export type ChainVerification = {
  ok: boolean;
  /** Entries judged, up to and including the first broken one. */
  entries: number;
  /** The last entry judged intact: the hash to note outside the database. */
  head: ChainHead | null;
  broken: { problem: ChainProblem; eventId: bigint | null; seq: bigint | null } | null;
};

const GENESIS = Buffer.alloc(32);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

type Batch = {
  checked: bigint;
  last_seq: bigint | null;
  last_event_id: bigint | null;
  last_hash: Uint8Array | null;
  broken_seq: bigint | null;
  broken_event_id: bigint | null;
  problem: ChainProblem | null;
};

export type VerifyOptions = {
  batchSize?: number;
  /** Called after each batch with the entries judged so far and the chain's length at the start. */
  onProgress?: (checked: number, total: number) => void;
};

/**
 * Walks the chain as it stood when the walk began, in seq order, and names the first broken entry;
 * then looks for events without an entry, and for the head the previous verification recorded.
 * Reads only. Callers: the `audit:verify` command and `verifyAuditChainNow` (which checks the actor).
 */
export async function verifyChain(opts: VerifyOptions = {}): Promise<ChainVerification> {
  const batchSize = opts.batchSize ?? 10_000;
  const [extent] = await db.$queryRaw<{ entries: bigint; max_seq: bigint }[]>`SELECT * FROM audit_chain_extent()`;
  const total = Number(extent!.entries);
  const until = extent!.max_seq;
  let after = 0n;
  let prev: Uint8Array = GENESIS;
  let entries = 0;
  let head: ChainHead | null = null;
  while (after < until) {
    const b = await batch(after, prev, until, batchSize);
    if (!b || b.checked === 0n) break;
    entries += Number(b.checked);
    opts.onProgress?.(entries, total);
    if (b.problem) {
      // The batch's last entry is the broken one; the head is the entry before it.
      if (b.checked > 1n) head = toHead((await batch(after, prev, until, Number(b.checked) - 1))!);
      return { ok: false, entries, head, broken: { problem: b.problem, eventId: b.broken_event_id, seq: b.broken_seq } };
    }
    head = toHead(b);
    after = b.last_seq!;
    prev = b.last_hash!;
  }
  const broken = (await firstUnchained()) ?? (await lostHead());
  return { ok: !broken, entries, head, broken };
}

async function batch(after: bigint, prev: Uint8Array, until: bigint, size: number): Promise<Batch | undefined> {
  const [b] = await db.$queryRaw<Batch[]>`SELECT * FROM audit_chain_check(${after}, ${prev}, ${until}, ${size}::int)`;
  return b;
}

const toHead = (b: Batch): ChainHead => ({ seq: b.last_seq!, eventId: b.last_event_id!, hash: hex(b.last_hash!) });

async function firstUnchained(): Promise<ChainVerification['broken']> {
  const [row] = await db.$queryRaw<{ id: bigint | null }[]>`SELECT audit_chain_first_unchained() AS id`;
  return row?.id != null ? { problem: 'unchained', eventId: row.id, seq: null } : null;
}

// Removing the newest events together with their entries leaves a shorter chain that is whole in
// itself; the head an earlier run recorded (and printed) shows it.
async function lostHead(): Promise<ChainVerification['broken']> {
  const [last] = await db.$queryRaw<{ head_seq: bigint | null; head_event_id: bigint | null; head_hash: Uint8Array | null }[]>`
    SELECT head_seq, head_event_id, head_hash FROM audit_verification_latest()`;
  if (!last?.head_seq || !last.head_hash) return null;
  const [entry] = await db.$queryRaw<{ event_id: bigint; hash: Uint8Array }[]>`SELECT * FROM audit_chain_entry(${last.head_seq})`;
  if (entry && entry.event_id === last.head_event_id && hex(entry.hash) === hex(last.head_hash)) return null;
  return { problem: 'head_lost', eventId: last.head_event_id, seq: last.head_seq };
}
