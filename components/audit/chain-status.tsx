import type { LatestVerification } from '@/lib/audit/verification.ts';
import { CHAIN_PROBLEM_TEXT } from '@/lib/audit/chain-words.ts';
import { VerifyNow } from './verify-now.tsx';

const VIA = { command: 'by npm run audit:verify', page: 'from this page' } as const;
const count = (n: number) => n.toLocaleString('en-CA');

/**
 * When the audit log's hash chain was last verified and what was found: whether anyone has
 * changed, removed or slipped in an event since it was written (see the README).
 */
export function ChainStatus({ latest }: { latest: LatestVerification | null }) {
  return (
    <section className="card" aria-labelledby="chain-heading">
      <h2 id="chain-heading" style={{ marginTop: 0, fontSize: '1.05rem' }}>
        Tamper check
      </h2>
      {!latest ? (
        <p>The chain of hashes over this log has not been verified yet.</p>
      ) : latest.ok ? (
        <p>
          Chain last verified <time dateTime={latest.at}>{latest.atText}</time> ({VIA[latest.via]}): <strong>intact</strong> ({count(latest.entries)} entries
          {latest.headHash ? (
            <>
              , head <code title={latest.headHash}>{latest.headHash.slice(0, 16)}…</code>
            </>
          ) : null}
          ).
        </p>
      ) : (
        <p className="form-error" role="alert">
          Chain last verified <time dateTime={latest.at}>{latest.atText}</time> ({VIA[latest.via]}): <strong>broken</strong> at{' '}
          {latest.brokenEventId ? `audit event ${latest.brokenEventId}` : `chain entry ${latest.brokenSeq}`}
          {latest.brokenEventId && latest.brokenSeq ? ` (chain entry ${latest.brokenSeq})` : ''}:{' '}
          {latest.problem ? CHAIN_PROBLEM_TEXT[latest.problem] : 'unknown'}. {count(latest.entries)} entries were checked. Tell IT support: from that point on
          this log can no longer be trusted as written.
        </p>
      )}
      <VerifyNow />
    </section>
  );
}
