import { can } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { LatestAlerts } from '@/components/alerts/latest-alerts.tsx';
import { SuiteToday } from '@/components/suite/suite-today.tsx';

// What the features show at the desk beside the quick log, each only to roles that may see it
// (each component's own queries check again).

/** The Safe Suite's state and the newest published alerts, for the roles allowed each. */
export function DeskSlots({ actor }: { actor: Actor }) {
  return (
    <>
      {/* Stays are not for peer: the whole region is left out for roles without stay:read. */}
      {can(actor, 'stay:read') && <SuiteToday actor={actor} />}
      {can(actor, 'alert:read_published') && <LatestAlerts actor={actor} />}
    </>
  );
}
