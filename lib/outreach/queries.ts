import 'server-only';
import { readContactVoidReason } from './void-reason.ts';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import type { OutreachMode } from './schema.ts';

// Reads for the outreach home on the phone. Each selects only what the page shows.

export type ShiftSummary = {
  id: string;
  mode: OutreachMode;
  where: string;
  startedAt: Date;
  endedAt: Date | null;
  staff: string[];
  contacts: number;
  people: number;
};

const shiftSelect = {
  id: true,
  mode: true,
  startedAt: true,
  endedAt: true,
  zone: { select: { name: true } },
  platforms: { select: { platform: { select: { name: true } } } },
  staff: { select: { staff: { select: { displayName: true } } } },
  contacts: { where: { voidedAt: null }, select: { peopleCount: true } },
} as const;

type ShiftRow = {
  id: string;
  mode: OutreachMode;
  startedAt: Date;
  endedAt: Date | null;
  zone: { name: string } | null;
  platforms: { platform: { name: string } }[];
  staff: { staff: { displayName: string } }[];
  contacts: { peopleCount: number }[];
};

function summary(s: ShiftRow): ShiftSummary {
  return {
    id: s.id,
    mode: s.mode,
    startedAt: s.startedAt,
    endedAt: s.endedAt,
    where:
      s.mode === 'street'
        ? (s.zone?.name ?? '')
        : `Online: ${s.platforms
            .map((p) => p.platform.name)
            .sort()
            .join(', ')}`,
    staff: s.staff.map((m) => m.staff.displayName).sort(),
    contacts: s.contacts.length,
    people: s.contacts.reduce((n, c) => n + c.peopleCount, 0),
  };
}

/** The shift this person is on now (started, not ended, not voided), if any. Outreach workers, coordinators, managers (`outreach:read`). */
export async function currentShift(actor: Actor): Promise<ShiftSummary | null> {
  assertCan(actor, 'outreach:read');
  const row = await db.outreachShift.findFirst({
    where: { endedAt: null, voidedAt: null, staff: { some: { staffId: actor.id } } },
    select: shiftSelect,
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
  });
  return row ? summary(row) : null;
}

/** This person's latest shifts, newest first. Outreach workers, coordinators, managers (`outreach:read`). */
export async function recentShifts(actor: Actor, take = 5): Promise<ShiftSummary[]> {
  assertCan(actor, 'outreach:read');
  const rows = await db.outreachShift.findMany({
    where: { voidedAt: null, staff: { some: { staffId: actor.id } } },
    select: shiftSelect,
    orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
    take,
  });
  return rows.map(summary);
}

export type ContactRow = {
  id: string;
  contactedAt: Date;
  who: string;
  participantId: string | null;
  peopleCount: number;
  isNew: boolean;
  kinds: string[];
  supplies: { name: string; quantity: number; forOthers: number }[];
  voided: boolean;
  voidReason: string | null;
  mine: boolean;
};

/** Contacts on this person's shifts, newest first, voided ones included (shown muted). Outreach workers, coordinators, managers. */
export async function recentContacts(actor: Actor, take = 10): Promise<ContactRow[]> {
  assertCan(actor, 'outreach:read');
  const rows = await db.outreachContact.findMany({
    where: { shift: { staff: { some: { staffId: actor.id } } } },
    select: {
      id: true,
      contactedAt: true,
      participantId: true,
      peopleCount: true,
      isNew: true,
      voidedAt: true,
      voidReasonEnc: true,
      createdById: true,
      participant: { select: { alias: true, code: true } },
      kinds: { select: { kind: { select: { name: true, sortOrder: true } } } },
      supplies: { select: { quantity: true, forOthers: true, serviceType: { select: { name: true, sortOrder: true } } } },
    },
    orderBy: [{ contactedAt: 'desc' }, { id: 'desc' }],
    take,
  });
  return rows.map((c) => ({
    id: c.id,
    contactedAt: c.contactedAt,
    participantId: c.participantId,
    peopleCount: c.peopleCount,
    isNew: c.isNew,
    who: c.participant
      ? `${c.participant.alias ?? 'De-identified'} · ${c.participant.code}`
      : c.peopleCount > 1
        ? `Anonymous, ${c.peopleCount} people`
        : 'Anonymous',
    kinds: [...c.kinds].sort((a, b) => a.kind.sortOrder - b.kind.sortOrder).map((k) => k.kind.name),
    supplies: [...c.supplies]
      .sort((a, b) => a.serviceType.sortOrder - b.serviceType.sortOrder)
      .map((s) => ({ name: s.serviceType.name, quantity: s.quantity, forOthers: s.forOthers })),
    voided: !!c.voidedAt,
    voidReason: c.voidedAt ? readContactVoidReason(c.id, c.voidReasonEnc) : null,
    mine: c.createdById === actor.id,
  }));
}

/** People outreach staff may pick for a shift ("who went out"). Outreach workers, coordinators, managers. */
export async function outreachStaff(actor: Actor): Promise<{ id: string; displayName: string }[]> {
  assertCan(actor, 'outreach:read');
  return db.staffUser.findMany({
    where: { active: true, role: { in: ['outreach', 'coordinator', 'manager'] } },
    select: { id: true, displayName: true },
    orderBy: { displayName: 'asc' },
  });
}

/**
 * People this worker met on outreach lately (alias and code only), for the phone's offline search:
 * sent with the page, kept in its offline copy, wiped at sign-out and lock. Outreach workers, coordinators, managers.
 */
export async function seenParticipants(actor: Actor, since: Date, take = 200): Promise<{ id: string; alias: string; code: string }[]> {
  assertCan(actor, 'outreach:read');
  const rows = await db.participant.findMany({
    where: {
      alias: { not: null },
      outreachContacts: { some: { voidedAt: null, contactedAt: { gte: since }, shift: { staff: { some: { staffId: actor.id } } } } },
    },
    select: { id: true, alias: true, code: true },
    orderBy: { alias: 'asc' },
    take,
  });
  return rows.map((p) => ({ id: p.id, alias: p.alias!, code: p.code }));
}
