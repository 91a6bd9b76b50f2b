import 'server-only';
import type { Readable } from 'node:stream';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { buildReport } from './build.ts';
import { reportCsv } from './csv.ts';
import { chunked, workbookBuffer } from './excel.ts';
import type { Period } from '@/lib/calendar/period.ts';
import { programNow } from '@/lib/calendar/index.ts';

export const FORMATS = {
  csv: { type: 'text/csv; charset=utf-8', extension: 'csv' },
  xlsx: { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' },
} as const;
export type ExportFormat = keyof typeof FORMATS;

/** `size` when known in advance (the workbook), so the download can show a percentage. */
export type ReportFile = { fileName: string; contentType: string; body: Readable; size: number | null };

/**
 * The report as a file, with a `report.exported` audit event (who, which report, which period and
 * format; no figures, nobody's data). Managers (`report:export`).
 */
export async function exportReport(actor: Actor, period: Period, format: ExportFormat, now: Date = programNow()): Promise<ReportFile> {
  assertCan(actor, 'report:export');
  const report = await buildReport(actor, period, now, 'report:export');
  await db.$transaction((tx) =>
    recordAudit(tx, actor, 'report.exported', {
      entityType: 'report',
      entityId: 'funder',
      details: { report: 'funder', format, period: period.kind, from: period.from, to: period.to },
    }),
  );
  const f = FORMATS[format];
  const file = { fileName: `${period.fileStem}.${f.extension}`, contentType: f.type };
  if (format === 'csv') return { ...file, body: reportCsv(report), size: null };
  const bytes = await workbookBuffer(report);
  return { ...file, body: chunked(bytes), size: bytes.length };
}
