import { Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import { coverLines, definitions, tableLines } from './files.ts';
import type { Report } from './types.ts';

/** The report as one CSV, streamed: a cover block, each table under its title, then the definitions. */
export function reportCsv(report: Report): Readable {
  const out = stringify({ bom: true });
  const write = async () => {
    const lines = [
      ...coverLines(report),
      [],
      ...report.sections.flatMap((s) => s.tables.flatMap((t) => [...tableLines(t), []])),
      ['Definitions'],
      ...definitions(report),
    ];
    for (const line of lines) {
      // Respect back-pressure so a long report streams instead of piling up in memory.
      if (!out.write(line)) await new Promise((resolve) => out.once('drain', resolve));
    }
    out.end();
  };
  void write().catch((e: unknown) => out.destroy(e as Error));
  return out;
}
