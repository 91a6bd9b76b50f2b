import type { Db, Tx } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import type { Period } from './period.ts';

// What a feature's figures function and the report share: a table of counts per bucket (month)
// and for the whole period, computed by SQL over the period's buckets (figures-sql.ts). The report
// (lib/reports) collects these tables into sections and applies suppression; features such as the
// suite's occupancy compute them for their own pages too, without depending on the report.

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
