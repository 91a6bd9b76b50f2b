import 'server-only';
import { programFiguresByMonth, type ProgramCell } from '@/lib/programs/figures.ts';
import { SUPPRESSION_EXPLAINED } from '../rules.ts';
import { line } from '../sql.ts';
import type { Counts, FigureContext, FigureTable, SectionDefinition } from '../types.ts';

// Programs by program and month: the programs feature's own query (lib/programs/figures.ts), cut
// into the report's months. Sessions and attendances are events, shown in full. Unique named
// attendees are people, and a breakdown of them by program is suppressed like any breakdown of
// people (rules.ts).

type Figure = { key: string; title: string; pick: (c: ProgramCell) => number; description: string; people?: boolean };

const FIGURES: Figure[] = [
  { key: 'held', title: 'Program sessions held', pick: (c) => c.sessionsHeld,
    description: 'Sessions where attendance was recorded, in the month of the session. Sessions nobody recorded count neither as held nor as cancelled.' },
  { key: 'cancelled', title: 'Program sessions cancelled', pick: (c) => c.sessionsCancelled, description: 'Sessions called off, in the month they were planned for.' },
  { key: 'attendance', title: 'Program attendance', pick: (c) => c.totalAttendance,
    description: 'Attendances at held sessions: each named person at each session, plus the people who came without giving a name. A person at three sessions counts three times.' },
  { key: 'average', title: 'Average attendance per held session', pick: (c) => c.averagePerSession,
    description: 'Attendance divided by sessions held, to one decimal (0 when no session was held).' },
  { key: 'people', title: 'Unique named attendees by program', pick: (c) => c.uniqueNamedAttendees, people: true,
    description: 'People with a record who attended at least one held session, counted once each per program (and once across all programs in the last row); people who gave no name cannot be counted this way. ' +
      SUPPRESSION_EXPLAINED },
];

async function load(ctx: FigureContext): Promise<FigureTable[]> {
  const { period } = ctx;
  const f = await programFiguresByMonth(ctx.actor, period, period.months, ctx.client);
  return FIGURES.map((fig) => {
    const rows: Counts[] = f.programs.map((p) => line(period, p.programId, p.programName, (k) => fig.pick(f.cell(k, p.programId))));
    // With a single program the all-programs row would equal its row and give a hidden count away.
    const showTotal = !fig.people || rows.length > 1;
    return {
      key: `programs-${fig.key}`, title: fig.title, description: fig.description, rowHeading: 'Program', suppress: !!fig.people,
      rows, total: showTotal ? line(period, 'total', fig.people ? 'Unique named attendees (all programs)' : 'All programs', (k) => fig.pick(f.cell(k, null))) : null,
    };
  });
}

export const programsSection: SectionDefinition = {
  key: 'programs',
  title: 'Programs',
  description: 'Sessions and who came, by program.',
  load,
};
