import 'server-only';
import { alertFiguresByMonth, type AlertRow } from '@/lib/alerts/figures.ts';
import { TYPES, TYPE_LABELS } from '@/lib/alerts/labels.ts';
import { line } from '@/lib/calendar/figures-sql.ts';
import type { FigureContext, FigureTable, SectionDefinition } from '../types.ts';

// Safety reports (bad date reports) by month: the alerts feature's own query (lib/alerts/figures.ts),
// cut into the report's months. Counts of reports (events) only, shown in full: no text, no
// reporter, no date finer than the month.

async function load(ctx: FigureContext): Promise<FigureTable[]> {
  const { period } = ctx;
  const rows = await alertFiguresByMonth(ctx.actor, period, period.months, ctx.client);
  const at = new Map(rows.map((r) => [`${r.key ?? '*'}|${r.type ?? '*'}`, r]));
  const get = (key: string | null, type: string | null) => at.get(`${key ?? '*'}|${type ?? '*'}`);
  const byType = (which: 'received' | 'published', title: string, description: string): FigureTable => ({
    key: `alerts-${which}-type`,
    title,
    description,
    rowHeading: 'Type',
    suppress: false,
    rows: TYPES.map((t) => line(period, t, TYPE_LABELS[t], (k) => get(k, t)?.[which] ?? 0)),
    total: line(period, 'total', which === 'received' ? 'Reports received' : 'Reports published', (k) => get(k, null)?.[which] ?? 0),
  });
  const pick = (which: keyof Pick<AlertRow, 'received' | 'published' | 'withdrawn'>) => (k: string | null) => get(k, null)?.[which] ?? 0;
  return [
    {
      key: 'alerts',
      title: 'Safety reports received and published',
      rowHeading: 'Figure',
      suppress: false,
      total: null,
      description:
        'Reports of a bad date taken from participants, in the month they were received, leaving out reports later withdrawn (counted in the last row, in the month they were received); ' +
        'and alerts published to staff from them, in the month they were published (an alert withdrawn after it was published still counts as published).',
      rows: [
        line(period, 'received', 'Reports received', pick('received')),
        line(period, 'published', 'Alerts published', pick('published')),
        line(period, 'withdrawn', 'Reports withdrawn (not counted as received)', pick('withdrawn')),
      ],
    },
    byType(
      'received',
      'Safety reports received by type',
      'Reports received, by what happened. A report of two kinds counts under each, so the kinds add up to more than the reports (last row).',
    ),
    byType(
      'published',
      'Alerts published by type',
      'Alerts published, by what happened. An alert of two kinds counts under each, so the kinds add up to more than the alerts (last row).',
    ),
  ];
}

export const alertsSection: SectionDefinition = {
  key: 'alerts',
  title: 'Safety alerts',
  description: 'Reports of bad dates, and the alerts shared from them.',
  load,
};
