import type { Role } from '@/lib/auth/permissions.ts';
import { localDay } from '@/lib/calendar/index.ts';

// Pure rules for drop-in visits: which times may be logged, who may change a visit, and what an
// edit changes. The mutations read and lock the rows, then ask here.

/** How far back a visit may be logged: paper logs from a power cut, not last year's statistics. */
export const MAX_BACKDATE_DAYS = 31;

/** Why a visit time is refused, or null when it may be logged. */
export function visitTimeProblem(visitedAt: Date, now: Date): string | null {
  if (Number.isNaN(visitedAt.getTime())) return 'Enter the time of the visit.';
  if (visitedAt.getTime() > now.getTime()) return 'A visit cannot be in the future.';
  if (now.getTime() - visitedAt.getTime() > MAX_BACKDATE_DAYS * 86_400_000) {
    return `Visits more than ${MAX_BACKDATE_DAYS} days old cannot be logged here. Ask a program manager.`;
  }
  return null;
}

export type VisitForChange = { createdById: string; createdAt: Date; voidedAt: Date | null; participantDeidentified: boolean };

export const CHANGE_REFUSED = 'Only the person who logged this visit can change it, on the day they logged it. A program manager can change it at any time.';

/**
 * Why this person may not edit or void this visit, or null when they may: its author on the
 * (program) day they logged it, a program manager at any time. A voided visit stays as it is.
 */
export function visitChangeProblem(actor: { id: string; role: Role }, visit: VisitForChange, now: Date, kind: 'edit' | 'void' | 'add'): string | null {
  if (visit.voidedAt) return 'This visit was voided. It stays as it is.';
  if (kind !== 'void' && visit.participantDeidentified) return 'This person’s record was de-identified, so the visit can no longer be changed.';
  // Adding what a person back the same day uses now is logging, not correcting: anyone at the desk
  // may, or a shared desk would be back to two entries for one drop-in. Removing stays the author's.
  if (kind === 'add' || actor.role === 'manager') return null;
  const sameDay = localDay(visit.createdAt) === localDay(now);
  return actor.id === visit.createdById && sameDay ? null : CHANGE_REFUSED;
}

export type ServiceLine = { serviceTypeId: string; quantity: number };

export type ServiceDiff = { added: ServiceLine[]; removed: string[]; requantified: ServiceLine[] };

/** What an edit does to a visit's services: lines added, service types removed, quantities changed. */
export function diffServices(before: ServiceLine[], after: ServiceLine[]): ServiceDiff {
  const old = new Map(before.map((l) => [l.serviceTypeId, l.quantity]));
  const next = new Set(after.map((l) => l.serviceTypeId));
  return {
    added: after.filter((l) => !old.has(l.serviceTypeId)),
    removed: before.filter((l) => !next.has(l.serviceTypeId)).map((l) => l.serviceTypeId),
    requantified: after.filter((l) => old.has(l.serviceTypeId) && old.get(l.serviceTypeId) !== l.quantity),
  };
}

/** The field names an edit changed, for the audit row. */
export function changedFields(diff: ServiceDiff): string[] {
  const fields: string[] = [];
  if (diff.added.length || diff.removed.length) fields.push('services');
  if (diff.requantified.length) fields.push('quantity');
  return fields;
}

/**
 * A second visit's lines added to the first's: new types appended, a supply's quantities summed.
 * (A service is counted once per visit, so a service already on it stays at one.)
 */
export function mergeLines(before: ServiceLine[], added: ServiceLine[], kinds: ReadonlyMap<string, 'service' | 'supply'>): ServiceLine[] {
  const merged = new Map(before.map((l) => [l.serviceTypeId, l.quantity]));
  for (const line of added) {
    const had = merged.get(line.serviceTypeId);
    merged.set(line.serviceTypeId, had === undefined || kinds.get(line.serviceTypeId) === 'service' ? (had ?? line.quantity) : had + line.quantity);
  }
  return [...merged].map(([serviceTypeId, quantity]) => ({ serviceTypeId, quantity }));
}
