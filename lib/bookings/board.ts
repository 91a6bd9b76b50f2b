import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { AppError } from '@/lib/errors.ts';
import { ticketLabel } from './rules.ts';
import { BoardLinkIdSchema, BoardLinkSchema, parseOrRefuse } from './schema.ts';
import { type Kind } from './slots.ts';
import { sweepNoShows } from './sweep.ts';
import { localDay, localTime, programNow } from '@/lib/calendar/index.ts';

// The queue board on a wall display. A screen in the waiting room cannot hold a staff session
// (it would idle out, and anyone could walk up to it), so a manager makes a board link: a long
// random token in the URL (/board/<token>), of which only the SHA-256 is stored; revoking the
// link stops the screen at its next refresh. What the board shows is built here and holds
// ticket numbers, resource names and times only: no alias, code or anything else about a person.

const TOKEN = /^[A-Za-z0-9_-]{43}$/;
const hash = (token: string) => createHash('sha256').update(token).digest('hex');

export type BoardLinkRow = { id: string; label: string; createdAt: Date; revokedAt: Date | null };

/** Makes a board link; the token is returned once, to be shown to the manager, and never stored. Managers and IT support (`settings:manage`). */
export async function createBoardLink(actor: Actor, input: unknown): Promise<{ id: string; token: string }> {
  assertCan(actor, 'settings:manage');
  const { label } = parseOrRefuse(BoardLinkSchema, input);
  const token = randomBytes(32).toString('base64url');
  const id = await db.$transaction(async (tx) => {
    const link = await tx.boardLink.create({ data: { label, tokenHash: hash(token) }, select: { id: true } });
    await recordAudit(tx, actor, 'board_link.created', { entityType: 'board_link', entityId: link.id });
    return link.id;
  });
  return { id, token };
}

/** Stops a board link from working. Managers and IT support (`settings:manage`). */
export async function revokeBoardLink(actor: Actor, input: unknown): Promise<void> {
  assertCan(actor, 'settings:manage');
  const { id } = parseOrRefuse(BoardLinkIdSchema, input);
  await db.$transaction(async (tx) => {
    const { count } = await tx.boardLink.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: programNow() } });
    if (count !== 1) throw new AppError('conflict', 'That board link was already turned off, or is gone. Reload the page.');
    await recordAudit(tx, actor, 'board_link.revoked', { entityType: 'board_link', entityId: id });
  });
}

/** Every board link, newest first (labels only). Managers and IT support (`settings:manage`). */
export async function listBoardLinks(actor: Actor): Promise<BoardLinkRow[]> {
  assertCan(actor, 'settings:manage');
  return db.boardLink.findMany({ select: { id: true, label: true, createdAt: true, revokedAt: true }, orderBy: { createdAt: 'desc' } });
}

export type BoardSlot = { time: string; tickets: string[] };
export type BoardView = {
  updated: string;
  resources: { name: string; kind: Kind; now: BoardSlot | null; next: BoardSlot | null }[];
  /** Waitlist tickets offered a freed place: "please come to the desk". */
  called: string[];
};

/**
 * The board for a link's token, or null when the token is malformed, unknown or revoked. No actor:
 * the token is the permission, and the answer holds nothing about any person.
 */
export async function boardView(token: string, now: Date = programNow()): Promise<BoardView | null> {
  if (!TOKEN.test(token)) return null;
  const link = await db.boardLink.findUnique({ where: { tokenHash: hash(token) }, select: { revokedAt: true } });
  if (!link || link.revokedAt) return null;
  await sweepNoShows(now);
  const day = new Date(`${localDay(now)}T00:00:00Z`);
  const resources = await db.resource.findMany({
    where: { active: true },
    select: {
      name: true,
      kind: true,
      bookings: {
        where: { day, status: { in: ['booked', 'checked_in'] }, slotEnd: { gt: now } },
        select: { ticket: true, slotStart: true },
        orderBy: [{ slotStart: 'asc' }, { ticket: 'asc' }],
      },
    },
    orderBy: [{ kind: 'asc' }, { sortOrder: 'asc' }, { name: 'asc' }],
  });
  const offered = await db.waitlistEntry.findMany({
    where: { day, status: 'offered' },
    select: { kind: true, ticket: true },
    orderBy: [{ offeredAt: 'asc' }, { ticket: 'asc' }],
  });
  return {
    updated: localTime(now),
    resources: resources.map((r) => {
      const slot = (pick: (start: Date) => boolean): BoardSlot | null => {
        const inSlot = r.bookings.filter((b) => pick(b.slotStart));
        const first = inSlot[0]?.slotStart;
        if (!first) return null;
        const same = inSlot.filter((b) => b.slotStart.getTime() === first.getTime());
        return { time: localTime(first), tickets: same.map((b) => ticketLabel(r.kind, b.ticket)) };
      };
      return { name: r.name, kind: r.kind, now: slot((s) => s <= now), next: slot((s) => s > now) };
    }),
    called: offered.map((o) => ticketLabel(o.kind, o.ticket)),
  };
}
