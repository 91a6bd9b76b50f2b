import type { RenderedRow, RenderedTable, Report } from './types.ts';
import { SUPPRESSION_EXPLAINED } from './rules.ts';
import { formatDateTime, zoneLabel } from '@/lib/calendar/index.ts';
import { AGE_EXPLAINED, PUBLICATION_EXPLAINED } from './publication.ts';

// What both files say, row by row, from the one Report object. Suppressed cells carry no value,
// only their mark; nothing about a person is in a Report, so nothing can leak into a file.

export type FileCell = string | number;

export const SUPPRESSION_NOTE =
  `Breakdowns of people hide small counts. ${SUPPRESSION_EXPLAINED} ${PUBLICATION_EXPLAINED} ${AGE_EXPLAINED} ` +
  'Totals of people (unique participants, new participants, unique named attendees) and counts of events (visits, services, supplies, bookings, ' +
  'suite nights, program sessions and attendance, referrals, safety reports) are shown in full.';

/** A spreadsheet would run a text starting with = + - @ as a formula: such labels are quoted. */
export function safeText(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function coverLines(report: Report): FileCell[][] {
  return [
    [report.title],
    ['Period', report.period.label],
    ['From', report.period.from],
    ['To', report.period.to],
    ['Generated', `${formatDateTime(report.generatedAt.toISOString())} (${zoneLabel()})`],
    ['Note', SUPPRESSION_NOTE],
  ];
}

export function rowCells(row: RenderedRow): FileCell[] {
  return [safeText(row.label), ...row.cells.map((c) => (c.value === null ? c.display : c.value))];
}

/** One table as lines: its title, a header, the rows, the totals row. */
export function tableLines(table: RenderedTable): FileCell[][] {
  return [[safeText(table.title)], [table.rowHeading, ...table.columns], ...table.rows.map(rowCells), ...(table.total ? [rowCells(table.total)] : [])];
}

/** Every table's title and definition, for the cover sheet and the end of the CSV. */
export function definitions(report: Report): FileCell[][] {
  return report.sections.flatMap((s) => s.tables.map((t) => [safeText(t.title), t.description]));
}
