import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { minutesLabel, type Kind, type OpeningHours } from './slots.ts';
import { WEEKDAY_LABEL } from './resource-schema.ts';
import { programNow } from '@/lib/calendar/index.ts';

// Reads for the settings pages: resources with their hours, and closures.

export type ResourceSettings = {
  id: string;
  name: string;
  kind: Kind;
  capacity: number;
  slotMinutes: number;
  active: boolean;
  hours: OpeningHours[];
};

const select = {
  id: true,
  name: true,
  kind: true,
  capacity: true,
  slotMinutes: true,
  active: true,
  hours: { select: { weekday: true, opensMin: true, closesMin: true }, orderBy: { weekday: 'asc' } },
} as const;

/** Every resource, active or not, in the desk's order. Managers and IT support (`settings:manage`). */
export async function listResourceSettings(actor: Actor): Promise<ResourceSettings[]> {
  assertCan(actor, 'settings:manage');
  return db.resource.findMany({ select, orderBy: [{ kind: 'asc' }, { sortOrder: 'asc' }, { name: 'asc' }] });
}

/** One resource for its settings page; "not found" for an unknown or malformed id. Managers and IT support (`settings:manage`). */
export async function getResourceSettings(actor: Actor, id: unknown): Promise<ResourceSettings> {
  assertCan(actor, 'settings:manage');
  const found = typeof id === 'string' && /^[0-9a-f-]{36}$/i.test(id) ? await db.resource.findUnique({ where: { id }, select }) : null;
  if (!found) throw new AppError('not_found', 'That shower or laundry was not found.');
  return found;
}

/** "Mon–Sat 9:00–16:00"-style summary, one line per distinct window. */
export function hoursSummary(hours: readonly OpeningHours[]): string {
  if (!hours.length) return 'No opening hours: closed';
  const groups = new Map<string, number[]>();
  for (const h of hours) {
    const key = `${minutesLabel(h.opensMin)}–${minutesLabel(h.closesMin)}`;
    groups.set(key, [...(groups.get(key) ?? []), h.weekday]);
  }
  return [...groups].map(([window, days]) => `${days.map((d) => WEEKDAY_LABEL[d]!.slice(0, 3)).join(', ')} ${window}`).join('; ');
}

export type ClosureRow = { id: string; resourceName: string | null; startsAt: Date; endsAt: Date; reason: string };

/** Closures not yet over (and those of the last week), soonest first. Managers and IT support (`settings:manage`). */
export async function listClosures(actor: Actor, now: Date = programNow()): Promise<ClosureRow[]> {
  assertCan(actor, 'settings:manage');
  const rows = await db.resourceClosure.findMany({
    where: { endsAt: { gt: new Date(now.getTime() - 7 * 86_400_000) } },
    select: { id: true, startsAt: true, endsAt: true, reason: true, resource: { select: { name: true } } },
    orderBy: { startsAt: 'asc' },
  });
  return rows.map((r) => ({ id: r.id, resourceName: r.resource?.name ?? null, startsAt: r.startsAt, endsAt: r.endsAt, reason: r.reason }));
}
