import { format } from 'date-fns';
import { tz } from '@date-fns/tz';

// The program runs in Kamloops: times show in Vancouver time on every screen, whatever the
// server's or the browser's time zone. Call these on the server only, and hand client components
// the text: the pattern is fixed, but Vancouver's offset comes from the runtime's time-zone rules,
// and a browser's rules are not the server's (Chromium's tzdata 2026e keeps BC on UTC-7 after
// 2026-11-01 while Node 20's 2025c falls back to UTC-8), so a client component formatting an
// instant renders other text than the server did and hydration fails.
export const PROGRAM_TIME_ZONE = 'America/Vancouver';
const inProgramZone = tz(PROGRAM_TIME_ZONE);

/** "2026-11-21" */
export function formatDate(iso: string): string {
  return format(new Date(iso), 'yyyy-MM-dd', { in: inProgramZone });
}

/** "2026-11-21 14:05" */
export function formatDateTime(iso: string): string {
  return format(new Date(iso), 'yyyy-MM-dd HH:mm', { in: inProgramZone });
}
