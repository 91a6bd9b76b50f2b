import 'server-only';
import { db } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import { participantId } from '@/lib/participants/schema.ts';
import { seesParticipantDetails } from '@/lib/participants/rules.ts';
import { FIELD_LABELS } from '@/lib/participants/labels.ts';
import { visitTimelineEntries } from '@/lib/visits/timeline.ts';
import { bookingTimelineEntries } from '@/lib/bookings/timeline.ts';
import { referralTimelineEntries } from '@/lib/referrals/timeline.ts';
import { alertTimelineEntries } from '@/lib/alerts/timeline.ts';
import { attendanceTimelineEntries } from '@/lib/programs/timeline.ts';
import { stayTimelineEntries } from '@/lib/safe-suite/timeline.ts';
import { outreachTimelineEntries } from '@/lib/outreach/timeline.ts';
import type { TimelineEntry, TimelineSource } from './types.ts';

// The registry of everything that can appear on a participant's timeline. A feature that records
// something about a person adds its source here; each source checks the actor's permission itself.

/** Most entries a profile shows; older ones stay on the records themselves. */
export const MAX_ENTRIES = 200;

/** The record's own history: created with consent, and each later edit (field names only). */
export const participantTimelineEntries: TimelineSource = async (actor, id) => {
  const parsed = participantId.safeParse(id);
  // Peers see alias and code only: not who recorded what, nor which answers changed.
  if (!parsed.success || !seesParticipantDetails(actor)) return [];
  const record = await db.participant.findUnique({
    where: { id: parsed.data },
    select: { consentAt: true, consentBy: { select: { displayName: true } } },
  });
  if (!record) return [];
  const edits = await db.auditEvent.findMany({
    where: { entityType: 'participant', entityId: parsed.data, action: 'participant.updated' },
    select: { at: true, actorId: true, details: true },
    orderBy: { at: 'desc' },
    take: MAX_ENTRIES,
  });
  const names = await staffNames(edits.flatMap((e) => (e.actorId ? [e.actorId] : [])));
  return [
    {
      at: record.consentAt,
      kind: 'participant',
      title: 'Record created',
      detail: `The person agreed that we keep a record. Recorded by ${record.consentBy.displayName}.`,
    },
    ...edits.map((e) => ({
      at: e.at,
      kind: 'participant',
      title: 'Details changed',
      detail: `${changedLabels(e.details)}. By ${e.actorId ? (names.get(e.actorId) ?? 'a former account') : 'the system'}.`,
    })),
  ];
};

async function staffNames(ids: string[]): Promise<Map<string, string>> {
  const rows = await db.staffUser.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, displayName: true } });
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

function changedLabels(details: unknown): string {
  const changed = (details as { changed?: unknown } | null)?.changed;
  const list = Array.isArray(changed) ? changed.map((c) => FIELD_LABELS[String(c)] ?? String(c)) : [];
  const text = list.length ? list.join(', ') : 'details';
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const TIMELINE_SOURCES: TimelineSource[] = [
  participantTimelineEntries,
  visitTimelineEntries,
  bookingTimelineEntries,
  referralTimelineEntries,
  alertTimelineEntries,
  attendanceTimelineEntries,
  stayTimelineEntries,
  outreachTimelineEntries,
];

/** Everything recorded for a person that this actor may see, newest first. Any role with `participant:read` (each source filters further). */
export async function timelineFor(actor: Actor, id: string): Promise<{ entries: TimelineEntry[]; more: boolean }> {
  assertCan(actor, 'participant:read');
  const lists = await Promise.all(TIMELINE_SOURCES.map((source) => source(actor, id)));
  const all = lists.flat().sort((a, b) => b.at.getTime() - a.at.getTime());
  return { entries: all.slice(0, MAX_ENTRIES), more: all.length > MAX_ENTRIES };
}
