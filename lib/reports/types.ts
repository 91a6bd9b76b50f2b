import type { DisplayCell } from './rules.ts';

// The shapes every report section shares. A section loads tables of counts (one row per category,
// one column per month and a last column for the whole period); build.ts applies suppression and
// the page, the CSV and the Excel workbook all render the same result.

export type { Counts, FigureContext, FigureTable } from '@/lib/calendar/figure-types.ts';
import type { FigureTable, FigureContext } from '@/lib/calendar/figure-types.ts';

export type SectionDefinition = {
  key: string;
  title: string;
  description: string;
  /** Whether it appears at all (e.g. demographics can be turned off in settings). */
  enabled?: (ctx: FigureContext) => boolean;
  load: (ctx: FigureContext) => Promise<FigureTable[]>;
};

export type RenderedRow = { key: string; label: string; cells: DisplayCell[] };
export type RenderedTable = Omit<FigureTable, 'rows' | 'total'> & { columns: string[]; rows: RenderedRow[]; total: RenderedRow | null };
export type RenderedSection = { key: string; title: string; description: string; tables: RenderedTable[] };

export type Report = {
  title: string;
  period: { label: string; from: string; to: string; fileStem: string };
  generatedAt: Date;
  sections: RenderedSection[];
};
