import 'server-only';
import { alertsSection } from './sections/alerts.ts';
import { bookingsSection } from './sections/bookings.ts';
import { demographicsSection } from './sections/demographics.ts';
import { participantsSection } from './sections/participants.ts';
import { outreachSection } from './sections/outreach.ts';
import { programsSection } from './sections/programs.ts';
import { referralsSection } from './sections/referrals.ts';
import { servicesSection } from './sections/services.ts';
import { suiteSection } from './sections/suite.ts';
import type { SectionDefinition } from './types.ts';

// The funder report: its sections, in the order they print. The page, the CSV and the Excel
// workbook all render exactly this list, and the dashboard reads the same figures.
//
// A feature that already has its figures function (the Safe Suite, programs, referrals, alerts)
// gives it a by-month form taking the report's buckets and client, and its section lays that out
// (sections/suite.ts); the feature's own page calls the same query with a single bucket.
//
// To add a section otherwise: write lib/reports/sections/<feature>.ts
// exporting a SectionDefinition whose `load` returns FigureTables built from one GROUP BY with
// GROUPING SETS (see sql.ts `grouped` and `toCounts`; months come from `bucketsSql`, with dates
// and local-midnight instants, so no time-zone maths happens in SQL). Set `suppress: true` on
// any table that counts people. Then add it to this list — nothing else changes.
export const REPORT_SECTIONS: readonly SectionDefinition[] = [
  participantsSection,
  servicesSection,
  bookingsSection,
  suiteSection,
  programsSection,
  referralsSection,
  alertsSection,
  outreachSection,
  demographicsSection,
];

export const REPORT_TITLE = 'Program statistics';
