import 'server-only';
import type { Tx } from '@/lib/db/client.ts';

/**
 * De-identification cuts the link between a person and the reports they made: the reports (and
 * the alerts made from them) stay, as anonymous reports. Runs inside retention's batch transaction.
 */
export async function unlinkReporters(tx: Tx, participantIds: string[]): Promise<void> {
  if (participantIds.length === 0) return;
  await tx.alertReport.updateMany({ where: { reporterId: { in: participantIds } }, data: { reporterId: null, wantsFollowUp: false } });
}
