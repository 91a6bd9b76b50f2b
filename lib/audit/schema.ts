import { z } from 'zod';
import { defineTable } from '@/lib/table/params.ts';
import { calendarDay } from '@/lib/validation.ts';

// The audit log's URL state. Codes such as `staff_user.role_changed`, never free text.
const code = z
  .string()
  .max(100)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/);

export const AUDIT_TABLE = defineTable({
  sortable: ['at'],
  defaultSort: 'at',
  defaultDir: 'desc',
  pageSizes: [50, 100, 200],
  filters: {
    actor: z.uuid(),
    action: code,
    entity: code,
    outcome: z.enum(['ok', 'refused', 'failed']),
    /** Calendar days in Vancouver, inclusive. */
    from: calendarDay('Enter a date like 2026-11-21.'),
    to: calendarDay('Enter a date like 2026-11-21.'),
  },
});

export const OUTCOME_OPTIONS = [
  { value: 'ok', label: 'Done' },
  { value: 'refused', label: 'Refused' },
  { value: 'failed', label: 'Failed' },
] as const;
