import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { coverLines, definitions, tableLines, type FileCell } from './files.ts';
import type { Report } from './types.ts';

// The report as an Excel workbook: a cover sheet ("About") with the period, the generation time
// and every definition, then one sheet per section. The workbook is built in memory and then sent
// in chunks: it holds aggregates only (tens of rows), and exceljs's streaming writer can hang on
// commit when piped through a PassThrough (exceljs/exceljs#2200) — it did so behind Next here.

/** Sheet names: at most 31 characters, none of : \ / ? * [ ]. */
export function sheetName(title: string, taken: Set<string>): string {
  const base = title
    .replace(/[:\\/?*[\]]/g, ' ')
    .slice(0, 28)
    .trim();
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base} ${i}`;
  taken.add(name.toLowerCase());
  return name;
}

function addLines(sheet: ExcelJS.Worksheet, lines: FileCell[][], bold: (i: number) => boolean) {
  lines.forEach((line, i) => {
    const row = sheet.addRow(line);
    if (bold(i)) row.font = { bold: true };
  });
}

/** The workbook's bytes. */
export async function workbookBuffer(report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Lantern';
  wb.created = report.generatedAt;
  const taken = new Set<string>();
  const cover = wb.addWorksheet(sheetName('About', taken));
  cover.columns = [{ width: 36 }, { width: 100 }];
  addLines(cover, [...coverLines(report), [], ['Definitions'], ...definitions(report)], (i) => i === 0);
  for (const section of report.sections) {
    const sheet = wb.addWorksheet(sheetName(section.title, taken));
    sheet.columns = [{ width: 40 }, ...(section.tables[0]?.columns ?? []).map(() => ({ width: 13 }))];
    for (const table of section.tables) {
      const lines = tableLines(table);
      addLines(sheet, [...lines, []], (i) => i <= 1 || (table.total !== null && i === lines.length - 1));
    }
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export const CHUNK_BYTES = 16 * 1024;

/** Bytes as a stream of chunks, so the browser can show progress as they arrive. */
export function chunked(buffer: Buffer): Readable {
  return Readable.from(
    (function* () {
      for (let i = 0; i < buffer.length; i += CHUNK_BYTES) yield buffer.subarray(i, i + CHUNK_BYTES);
    })(),
  );
}
