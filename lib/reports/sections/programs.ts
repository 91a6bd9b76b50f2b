import 'server-only';
import { programFiguresByMonth, type ProgramCell } from '@/lib/programs/figures.ts';
import { line } from '@/lib/calendar/figures-sql.ts';
import type { Counts, FigureContext, FigureTable, SectionDefinition } from '../types.ts';

// Programs by program and month: the programs feature's own query (lib/programs/figures.ts), cut
// into the report's months. Sessions and attendances are events, shown in full.
//
// People are counted over all programs only (a headline, like unique participants), never broken
// down by program: a program's attendance is published in full, and it bounds its people (one
// session with 4 attendances is at most 4 people, exactly 4 if all gave a name), so a hidden count
// of people by program could always be worked out or narrowed from the attendance beside it.

type Figure = { key: string; title: string; pick: (c: ProgramCell) => number; description: string };

const FIGURES: Figure[] = [
  {
    key: 'held',
    title: 'Program sessions held',
    pick: (c) => c.sessionsHeld,
    description: 'Sessions where attendance was recorded, in the month of the session.',
  },
  {
    key: 'cancelled',
    title: 'Program sessions cancelled',
    pick: (c) => c.sessionsCancelled,
    description: 'Sessions called off, in the month they were planned for.',
  },
  {
    key: 'not-recorded',
    title: 'Program sessions not recorded',
    pick: (c) => c.sessionsNotRecorded,
    description:
      'Sessions whose time has passed with nothing recorded: neither attendance nor a cancellation. They count neither as held nor as cancelled, and their attendance is unknown.',
  },
  {
    key: 'attendance',
    title: 'Program attendance',
    pick: (c) => c.totalAttendance,
    description:
      'Attendances at held sessions: each named person at each session, plus the people who came without giving a name. A person at three sessions counts three times. Named and anonymous attendance are in the next table.',
  },
  {
    key: 'average',
    title: 'Average attendance per held session',
    pick: (c) => c.averagePerSession,
    description: 'Attendance divided by sessions held, to one decimal (0 when no session was held).',
  },
];

const WHO: { key: string; label: string; pick: (c: ProgramCell) => number }[] = [
  { key: 'named', label: 'Named attendances', pick: (c) => c.namedAttendance },
  { key: 'anonymous', label: 'Anonymous attendances (headcount)', pick: (c) => c.anonymousAttendance },
  { key: 'people', label: 'Unique named attendees', pick: (c) => c.uniqueNamedAttendees },
];

async function load(ctx: FigureContext): Promise<FigureTable[]> {
  const { period } = ctx;
  const f = await programFiguresByMonth(ctx.actor, period, period.months, ctx.client, ctx.now);
  const tables: FigureTable[] = FIGURES.map((fig) => {
    const rows: Counts[] = f.programs.map((p) => line(period, p.programId, p.programName, (k) => fig.pick(f.cell(k, p.programId))));
    return {
      key: `programs-${fig.key}`,
      title: fig.title,
      description: fig.description,
      rowHeading: 'Program',
      suppress: false,
      rows,
      total: line(period, 'total', 'All programs', (k) => fig.pick(f.cell(k, null))),
    };
  });
  tables.push({
    key: 'programs-who',
    title: 'Program attendance, named and anonymous',
    rowHeading: 'Figure',
    suppress: false,
    total: null,
    description:
      'Over all programs. Named attendances: a person with a record at a held session. Anonymous attendances: the headcount of people who came without giving a name. ' +
      'The two add up to the attendance above. Unique named attendees: people with a record who attended at least one held session, each counted once across all programs ' +
      '(people who gave no name cannot be counted this way). These are totals, not breakdowns, and are shown in full.',
    rows: WHO.map((w) => line(period, w.key, w.label, (k) => w.pick(f.cell(k, null)))),
  });
  return tables;
}

export const programsSection: SectionDefinition = {
  key: 'programs',
  title: 'Programs',
  description: 'Sessions and who came, by program.',
  load,
};
