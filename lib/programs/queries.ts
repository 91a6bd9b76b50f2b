import 'server-only';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { pageWindow, type TableParams } from '@/lib/table/params.ts';
import { generateSessions, scheduleOf } from './generate.ts';
import { CURRENT_LEAD_MINUTES, scheduleSummary, type Schedule } from './rules.ts';
import type { Attendee } from './attendance.ts';
import type { SESSIONS_TABLE } from './table.ts';
import { formatDateTime, localDay, programNow } from '@/lib/calendar/index.ts';

// Reads for the programs pages. Sessions for the coming weeks are generated lazily here.

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const dayText = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export type ProgramSummary = {
  id: string;
  name: string;
  description: string | null;
  partner: string | null;
  schedule: string;
  activeFrom: string;
  activeTo: string | null;
  nextSession: { id: string; startsAt: Date } | null;
  /** The session the desk records now, with how many were counted at it (named and without a name). */
  lastSession: { id: string; startsAt: Date; counted: number } | null;
};
export type ProgramDetail = Omit<ProgramSummary, 'nextSession' | 'lastSession'> & Schedule;

const PROGRAM_SELECT = {
  id: true,
  name: true,
  description: true,
  partner: true,
  frequency: true,
  weekday: true,
  startMin: true,
  endMin: true,
  activeFrom: true,
  activeTo: true,
} as const;

/** Every program with its next and latest session, generating the coming weeks first. Staff (`program:read`). */
export async function listPrograms(actor: Actor, now = programNow()): Promise<ProgramSummary[]> {
  assertCan(actor, 'program:read');
  await generateSessions(db, now);
  const programs = await db.program.findMany({
    select: {
      ...PROGRAM_SELECT,
      sessions: {
        where: { startsAt: { gt: currentCutoff(now) }, status: { not: 'cancelled' } },
        orderBy: { startsAt: 'asc' },
        take: 1,
        select: { id: true, startsAt: true },
      },
    },
    orderBy: { name: 'asc' },
  });
  const last = await Promise.all(
    programs.map((p) =>
      db.programSession.findFirst({
        where: { programId: p.id, startsAt: { lte: currentCutoff(now) }, status: { not: 'cancelled' } },
        orderBy: { startsAt: 'desc' },
        select: { id: true, startsAt: true, anonymousCount: true, _count: { select: { attendance: true } } },
      }),
    ),
  );
  return programs.map((p, i) => ({
    id: p.id,
    name: p.name,
    description: p.description,
    partner: p.partner,
    schedule: scheduleSummary(p),
    activeFrom: dayText(p.activeFrom)!,
    activeTo: dayText(p.activeTo),
    nextSession: p.sessions[0] ?? null,
    lastSession: last[i] ? { id: last[i].id, startsAt: last[i].startsAt, counted: last[i]._count.attendance + last[i].anonymousCount } : null,
  }));
}

/** The desk's "current" session is the latest one starting by half an hour from now: people arrive early. */
const currentCutoff = (now: Date) => new Date(now.getTime() + CURRENT_LEAD_MINUTES * 60_000);

/** One program; null when unknown. Staff (`program:read`). */
export async function getProgram(actor: Actor, id: string): Promise<ProgramDetail | null> {
  assertCan(actor, 'program:read');
  if (!UUID.test(id)) return null;
  const p = await db.program.findUnique({ where: { id }, select: PROGRAM_SELECT });
  if (!p) return null;
  return { ...scheduleOf(p), id: p.id, name: p.name, description: p.description, partner: p.partner, schedule: scheduleSummary(p) };
}

export type SessionRow = {
  id: string;
  startsAt: string;
  endsAt: string;
  status: 'scheduled' | 'held' | 'cancelled';
  cancelReason: string | null;
  /** `startsAt` in program time, formatted here: see lib/calendar. */
  startsAtText: string;
  oneOff: boolean;
  named: number;
  anonymous: number;
  total: number;
  partnerPresent: boolean;
};

/** A page of a program's sessions with their counts. Staff (`program:read`). */
export async function listProgramSessions(
  actor: Actor,
  programId: string,
  params: TableParams<'startsAt', (typeof SESSIONS_TABLE)['filters']>,
): Promise<{ rows: SessionRow[]; total: number; page: number }> {
  assertCan(actor, 'program:read');
  if (!UUID.test(programId)) return { rows: [], total: 0, page: 1 };
  await generateSessions(db, programNow(), programId);
  const where = { programId, ...(params.filters.status ? { status: params.filters.status } : {}) };
  const total = await db.programSession.count({ where });
  const win = pageWindow(total, params.page, params.pageSize);
  const sessions = await db.programSession.findMany({
    where,
    orderBy: [{ startsAt: params.dir }, { id: 'asc' }],
    skip: win.skip,
    take: win.take,
    select: {
      id: true,
      startsAt: true,
      endsAt: true,
      status: true,
      cancelReason: true,
      scheduledFor: true,
      anonymousCount: true,
      partnerPresent: true,
      _count: { select: { attendance: true } },
    },
  });
  const rows = sessions.map((s) => ({
    id: s.id,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    status: s.status,
    cancelReason: s.cancelReason,
    startsAtText: formatDateTime(s.startsAt.toISOString()),
    oneOff: s.scheduledFor === null,
    named: s._count.attendance,
    anonymous: s.anonymousCount,
    total: s._count.attendance + s.anonymousCount,
    partnerPresent: s.partnerPresent,
  }));
  return { rows, total, page: win.page };
}

export type SessionDetail = {
  id: string;
  programId: string;
  programName: string;
  partner: string | null;
  startsAt: Date;
  endsAt: Date;
  status: 'scheduled' | 'held' | 'cancelled';
  cancelReason: string | null;
  anonymousCount: number;
  partnerPresent: boolean;
  topics: string | null;
  attendees: Attendee[];
};

/** A session with who is counted (alias and code only), for the attendance page. Staff (`program:read`). */
export async function getSession(actor: Actor, id: string): Promise<SessionDetail | null> {
  assertCan(actor, 'program:read');
  if (!UUID.test(id)) return null;
  const s = await db.programSession.findUnique({
    where: { id },
    select: {
      id: true,
      programId: true,
      startsAt: true,
      endsAt: true,
      status: true,
      cancelReason: true,
      anonymousCount: true,
      partnerPresent: true,
      topics: true,
      program: { select: { name: true, partner: true } },
      attendance: { orderBy: { createdAt: 'desc' }, select: { participant: { select: { id: true, alias: true, code: true } } } },
    },
  });
  if (!s) return null;
  return {
    id: s.id,
    programId: s.programId,
    programName: s.program.name,
    partner: s.program.partner,
    startsAt: s.startsAt,
    endsAt: s.endsAt,
    status: s.status,
    cancelReason: s.cancelReason,
    anonymousCount: s.anonymousCount,
    partnerPresent: s.partnerPresent,
    topics: s.topics,
    attendees: s.attendance.map((a) => ({ participantId: a.participant.id, alias: a.participant.alias ?? '', code: a.participant.code })),
  };
}

/** The days every program is closed, from today (program date) on. Program managers (`program:manage`). */
export async function listClosedDays(actor: Actor, now = programNow()): Promise<{ day: string; reason: string }[]> {
  assertCan(actor, 'program:manage');
  const rows = await db.programClosedDay.findMany({
    where: { day: { gte: new Date(`${localDay(now)}T00:00:00Z`) } },
    orderBy: { day: 'asc' },
    select: { day: true, reason: true },
  });
  return rows.map((r) => ({ day: dayText(r.day)!, reason: r.reason }));
}
