import { z } from 'zod';
import { defineTable } from '@/lib/table/params.ts';

// The program page's sessions table: its URL state (no personal data in it).
export const SESSIONS_TABLE = defineTable({
  sortable: ['startsAt'],
  defaultSort: 'startsAt',
  defaultDir: 'desc',
  pageSizes: [20, 50, 100],
  filters: { status: z.enum(['scheduled', 'held', 'cancelled']) },
});

export const STATUS_LABEL: Record<'scheduled' | 'held' | 'cancelled', string> = { scheduled: 'Scheduled', held: 'Held', cancelled: 'Cancelled' };
export const STATUS_OPTIONS = (['scheduled', 'held', 'cancelled'] as const).map((value) => ({ value, label: STATUS_LABEL[value] }));
