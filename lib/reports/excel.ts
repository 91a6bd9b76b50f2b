import { PassThrough, type Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { coverLines, definitions, tableLines, type FileCell } from './files.ts';
import type { Report } from './types.ts';

// The report as an Excel workbook, streamed as it is written: a cover sheet ("About") with the
// period, the generation time and every definition, then one sheet per section.

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28).trim();
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function addLines(sheet: ExcelJS.Worksheet, lines: FileCell[][], bold: (i: number) => boolean) {
  lines.forEach((line, i) => {
    const row = sheet.addRow(line);
    if (bold(i)) row.font = { bold: true };
    row.commit();
  });
}

async function writeWorkbook(report: Report, stream: PassThrough) {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream, useStyles: true, useSharedStrings: false });
  wb.creator = 'Lantern';
  wb.created = report.generatedAt;
  const taken = new Set<string>();
  const cover = wb.addWorksheet(sheetName('About', taken));
  cover.columns = [{ width: 36 }, { width: 100 }];
  addLines(cover, [...coverLines(report), [], ['Definitions'], ...definitions(report)], (i) => i === 0);
  await cover.commit();
  for (const section of report.sections) {
    const sheet = wb.addWorksheet(sheetName(section.title, taken));
    sheet.columns = [{ width: 40 }, ...(section.tables[0]?.columns ?? []).map(() => ({ width: 13 }))];
    for (const table of section.tables) {
      const lines = tableLines(table);
      addLines(sheet, [...lines, []], (i) => i <= 1 || (table.total !== null && i === lines.length - 1));
    }
    await sheet.commit();
  }
  await wb.commit();
}

/** The workbook as a stream of bytes. */
export function reportWorkbook(report: Report): Readable {
  const stream = new PassThrough();
  void writeWorkbook(report, stream).catch((e: unknown) => stream.destroy(e as Error));
  return stream;
}
