import type { Db, Tx } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import type { Period } from './period.ts';
import type { DisplayCell } from './rules.ts';

// The shapes every report section shares. A section loads tables of counts (one row per category,
// one column per month and a last column for the whole period); build.ts applies suppression and
// the page, the CSV and the Excel workbook all render the same result.

export type Counts = {
  key: string;
  label: string;
  /**
   * One count per month of the period, then the whole-period count (computed by SQL, not summed
   * here). Null only in tables that are not suppressed, for a figure with nothing to measure (an
   * average or a median of no stays, no referrals): shown as "–".
   */
  counts: (number | null)[];
};

export type FigureTable = {
  key: string;
  title: string;
  /** Plain-language definition: what is counted, and what is left out. */
  description: string;
  /** Heading of the first column ("Service", "Age range"). */
  rowHeading: string;
  /** True for breakdowns of people: small cells are suppressed (rules.ts). */
  suppress: boolean;
  rows: Counts[];
  /** Shown as the last row; never suppressed. */
  total: Counts | null;
};

export type FigureContext = {
  /** Who asked: sections reusing a feature's figures function pass it on (that function checks it too). */
  actor: Actor;
  period: Period;
  client: Db | Tx;
  /** When the figures are read: a period that runs past today counts what has happened so far (the suite's nights). */
  now: Date;
  /** Section-level options from settings. */
  options: { omitDemographics: boolean };
};

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
