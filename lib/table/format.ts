import { format } from 'date-fns';
import { tz } from '@date-fns/tz';

// The program runs in Kamloops: times show in Vancouver time on every screen, whatever the
// server's or the browser's time zone. A fixed pattern (not Intl) renders the same on server
// and client, so hydration never disagrees.
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
