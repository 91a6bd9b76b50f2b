import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { formatDateTime } from '@/lib/calendar/index.ts';
import { recordAudit, type AuditInput } from './record.ts';
import { toVerification, type ChainVerification, type VerificationRow } from './chain.ts';
import type { ChainProblem } from './chain-words.ts';

// Verifications of the audit chain are kept (audit_verification, append-only) so the audit page
// can say when the chain was last found whole, and each is itself an audit event. The database
// computes and records each one (audit_verify_and_record): no caller hands it a result.

export type VerificationVia = 'command' | 'page';

/** What the verification's audit event says: ids, counts and hashes only. */
export function verificationAuditInput(result: ChainVerification, via: VerificationVia): AuditInput {
  const { head, broken } = result;
  return {
    entityType: 'audit',
    outcome: result.ok ? 'ok' : 'failed',
    details: {
      via,
      entries: result.entries,
      headSeq: head ? head.seq.toString() : null,
      headHash: head?.hash ?? null,
      ...(broken ? { problem: broken.problem, brokenEventId: broken.eventId?.toString() ?? null, brokenSeq: broken.seq?.toString() ?? null } : {}),
    },
  };
}

export type LatestVerification = {
  at: string;
  atText: string;
  ok: boolean;
  entries: number;
  headHash: string | null;
  brokenEventId: string | null;
  brokenSeq: string | null;
  problem: ChainProblem | null;
  via: VerificationVia;
};

type LatestRow = {
  at: Date;
  ok: boolean;
  entries: bigint;
  head_hash: Uint8Array | null;
  broken_seq: bigint | null;
  broken_event_id: bigint | null;
  problem: ChainProblem | null;
  via: VerificationVia;
};

/** The most recent verification, or null if the chain was never verified. Managers and IT support (`audit:read`). */
export async function latestVerification(actor: Actor): Promise<LatestVerification | null> {
  assertCan(actor, 'audit:read');
  const [row] = await db.$queryRaw<LatestRow[]>`SELECT at, ok, entries, head_hash, broken_seq, broken_event_id, problem, via FROM audit_verification_latest()`;
  if (!row) return null;
  return {
    at: row.at.toISOString(),
    atText: formatDateTime(row.at.toISOString()),
    ok: row.ok,
    entries: Number(row.entries),
    headHash: row.head_hash ? Buffer.from(row.head_hash).toString('hex') : null,
    brokenEventId: row.broken_event_id?.toString() ?? null,
    brokenSeq: row.broken_seq?.toString() ?? null,
    problem: row.problem,
    via: row.via,
  };
}

// Two clicks (or two people) at once share one run, recorded as the first one's, instead of
// reading the whole log twice.
let running: Promise<ChainVerification> | null = null;

/** Verifies the chain now and records the result as the acting user's. Managers and IT support (`audit:read`). */
export async function verifyAuditChainNow(actor: Actor, opts: { batchSize?: number } = {}): Promise<ChainVerification> {
  assertCan(actor, 'audit:read');
  running ??= verifyAndRecord(actor, opts.batchSize ?? 10_000).finally(() => (running = null));
  return running;
}

async function verifyAndRecord(actor: Actor, batch: number): Promise<ChainVerification> {
  // A long log takes a while to walk: the transaction may last as long as the walk.
  return db.$transaction(
    async (tx) => {
      const [row] = await tx.$queryRaw<VerificationRow[]>`
      SELECT ok, entries, head_seq, head_event_id, head_hash, broken_seq, broken_event_id, problem
      FROM audit_verify_and_record('page', ${batch}::int)`;
      const result = toVerification(row!);
      await recordAudit(tx, actor, 'audit.chain_verified', verificationAuditInput(result, 'page'));
      return result;
    },
    { maxWait: 10_000, timeout: 600_000 },
  );
}
