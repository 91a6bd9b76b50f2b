import { z } from 'zod';
import { defineTable } from '@/lib/table/params.ts';
import { calendarDay } from '@/lib/validation.ts';
import { CATEGORIES, STATUSES } from './rules.ts';

// The referrals page's URL state: ids, enums and dates only, never a name or free text.
export const REFERRAL_TABLE = defineTable({
  sortable: ['referredOn', 'followUpOn'],
  defaultSort: 'referredOn',
  defaultDir: 'desc',
  pageSizes: [25, 50, 100],
  filters: {
    status: z.enum([...STATUSES, 'open']),
    category: z.enum(CATEGORIES),
    agency: z.uuid(),
    staff: z.uuid(),
    /** "due": open referrals whose follow-up date has come; or follow-ups due on or before a date. */
    due: z.union([z.literal('due'), calendarDay('Enter a date like 2026-11-21.')]),
  },
});
