'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { defineAction } from '@/lib/action.ts';
import { verifyAuditChainNow } from '@/lib/audit/verification.ts';
import { CHAIN_PROBLEM_TEXT } from '@/lib/audit/chain-words.ts';

// "Verify now" on the audit page (`audit:read`: managers and IT support, who read the log it
// checks). It reads the whole chain, records the result and is itself an audit event.

export const verifyChainAction = defineAction({
  permission: 'audit:read',
  schema: z.object({}),
  run: async (actor) => {
    const result = await verifyAuditChainNow(actor);
    revalidatePath('/audit');
    if (result.ok) return { message: `Intact: ${result.entries.toLocaleString('en-CA')} entries checked.` };
    const b = result.broken!;
    return { message: `Broken at ${b.eventId != null ? `audit event ${b.eventId}` : `chain entry ${b.seq}`}: ${CHAIN_PROBLEM_TEXT[b.problem]}.` };
  },
});
