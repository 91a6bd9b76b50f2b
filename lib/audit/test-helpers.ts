import { rawClient } from '@/lib/db/test/reset.ts';
import { toVerification, type ChainVerification, type VerificationRow } from './chain.ts';

/** The runtime role the data-layer tests' app connects as (DATABASE_URL's user). */
export const runtimeRole = (): string => decodeURIComponent(new URL(process.env.DATABASE_URL!).username);

/** The chain checked as the owner, without recording anything (audit_chain_verify). */
export async function verifyChain(opts: { batchSize?: number } = {}): Promise<ChainVerification> {
  const { rows } = await (await rawClient()).query<VerificationRow>('SELECT * FROM audit_chain_verify($1::int)', [opts.batchSize ?? 10_000]);
  return toVerification(rows[0]!);
}

/** What `npm run audit:verify` records, as the owner (without its audit event). */
export async function recordAsCommand(): Promise<ChainVerification> {
  const { rows } = await (await rawClient()).query<VerificationRow>(`SELECT * FROM audit_verify_and_record('command')`);
  return toVerification(rows[0]!);
}
