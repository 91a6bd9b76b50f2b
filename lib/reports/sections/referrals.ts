import 'server-only';
import { referralFiguresByMonth, type ReferralRow } from '@/lib/referrals/figures.ts';
import { CATEGORIES, CATEGORY_LABELS, REASON_LABELS, REASONS, STATUSES, STATUS_LABELS } from '@/lib/referrals/rules.ts';
import { line, type Category } from '@/lib/calendar/figures-sql.ts';
import type { FigureContext, FigureTable, SectionDefinition } from '../types.ts';

// Referrals by month: the referrals feature's own query (lib/referrals/figures.ts), cut into the
// report's months. Referrals are events (a person may be referred several times), shown in full.
// Only categories, what for (from its fixed list), statuses and agency names leave the database —
// never a reason's words or an outcome.

type Dim = 'category' | 'reason' | 'agencyId' | 'status';
const DIMS: Dim[] = ['category', 'reason', 'agencyId', 'status'];

function index(rows: ReferralRow[]) {
  const at = new Map<string, ReferralRow>();
  for (const r of rows) {
    const dim = DIMS.find((d) => r[d] !== null);
    at.set(`${r.key ?? '*'}|${dim ?? '*'}|${dim ? r[dim] : '*'}`, r);
  }
  return (key: string | null, dim: Dim | null, value: string | null) => at.get(`${key ?? '*'}|${dim ?? '*'}|${value ?? '*'}`);
}

async function load(ctx: FigureContext): Promise<FigureTable[]> {
  const { period } = ctx;
  const rows = await referralFiguresByMonth(ctx.actor, period, period.months, ctx.client);
  const get = index(rows);
  const agencies: Category[] = rows
    .filter((r) => r.key === null && r.agencyId)
    .map((r) => ({ key: r.agencyId!, label: r.agencyName! }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const count = (dim: Dim, cats: Category[]) => cats.map((c) => line(period, c.key, c.label, (k) => get(k, dim, c.key)?.count ?? 0));
  const total = line(period, 'total', 'All referrals', (k) => get(k, null, null)?.count ?? 0);
  const table = (key: string, title: string, rowHeading: string, description: string, dim: Dim, cats: Category[]): FigureTable => ({
    key,
    title,
    rowHeading,
    description,
    suppress: false,
    rows: count(dim, cats),
    total,
  });
  return [
    table(
      'referrals-category',
      'Referrals by category',
      'Category',
      'Referrals made, by the kind of help, in the month of the referral.',
      'category',
      CATEGORIES.map((c) => ({ key: c, label: CATEGORY_LABELS[c] })),
    ),
    table(
      'referrals-reason',
      'Referrals by what for',
      'What for',
      'Referrals made, by what the person was referred for (a choice from a fixed list), in the month of the referral.',
      'reason',
      REASONS.map((r) => ({ key: r, label: REASON_LABELS[r] })),
    ),
    table(
      'referrals-agency',
      'Referrals by agency',
      'Agency',
      'Referrals made, by the agency referred to (agencies with at least one referral in the period), in the month of the referral.',
      'agencyId',
      agencies,
    ),
    table(
      'referrals-status',
      'Referrals by where they stand now',
      'Status',
      'Referrals made in each month, by their status when this report was made (a referral made in October and completed in November shows as completed).',
      'status',
      STATUSES.map((s) => ({ key: s, label: STATUS_LABELS[s] })),
    ),
    {
      key: 'referrals-connected',
      title: 'Days to connected',
      rowHeading: 'Figure',
      suppress: false,
      total: null,
      description:
        'Of the referrals made in each month, how many the person connected with the agency, and the median number of days from the referral to connecting ("–" when none connected).',
      rows: [
        line(period, 'connected', 'Referrals that connected', (k) => get(k, null, null)?.connected ?? 0),
        line(period, 'median-days', 'Median days to connected', (k) => get(k, null, null)?.median ?? null),
      ],
    },
  ];
}

export const referralsSection: SectionDefinition = {
  key: 'referrals',
  title: 'Referrals',
  description: 'Referrals to other agencies and what became of them.',
  load,
};
