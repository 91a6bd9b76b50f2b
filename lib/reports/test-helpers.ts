// Shared by the reports data-layer tests (not a test file itself): rows written straight to the
// tables, with the program dates and instants a real desk would have produced.
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { db } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/session.ts';
import type { Readable } from 'node:stream';
import { atLocal, programNow } from '@/lib/calendar/index.ts';

/** A participant (the one factory), with the demographic fields a report counts. */
export { makeParticipant as person } from '@/lib/db/test/factories.ts';

/** A visit on a program date at a local wall-clock minute, with services by id and quantity. */
export async function visit(
  by: Actor,
  day: string,
  opts: { participantId?: string | null; minutes?: number; voided?: boolean; services?: Record<string, number> } = {},
) {
  return db.visit.create({
    data: {
      participantId: opts.participantId ?? null,
      visitedAt: atLocal(day, opts.minutes ?? 600),
      visitDate: new Date(`${day}T00:00:00Z`),
      idempotencyKey: randomUUID(),
      createdById: by.id,
      ...(opts.voided ? { voidedAt: programNow(), voidedById: by.id } : {}),
      services: { create: Object.entries(opts.services ?? {}).map(([serviceTypeId, quantity]) => ({ serviceTypeId, quantity })) },
    },
    select: { id: true },
  });
}

let ticket = 0;
/** An anonymous booking on a program date in the given state (each in its own slot, so no seat clashes). */
export async function booking(
  by: Actor,
  resource: { id: string; kind: 'shower' | 'laundry' },
  day: string,
  status: 'booked' | 'checked_in' | 'done' | 'cancelled' | 'no_show',
) {
  ticket += 1;
  const start = atLocal(day, 540 + (ticket % 40) * 15);
  const at = new Date(start.getTime() + 60_000);
  return db.booking.create({
    data: {
      resourceId: resource.id,
      kind: resource.kind,
      day: new Date(`${day}T00:00:00Z`),
      ticket,
      slotStart: start,
      slotEnd: new Date(start.getTime() + 15 * 60_000),
      seat: 1,
      status,
      idempotencyKey: randomUUID(),
      createdById: by.id,
      bookedAt: start,
      checkedInAt: status === 'checked_in' || status === 'done' ? at : null,
      doneAt: status === 'done' ? at : null,
      cancelledAt: status === 'cancelled' ? at : null,
      noShowAt: status === 'no_show' ? at : null,
    },
    select: { id: true },
  });
}

export async function resource(kind: 'shower' | 'laundry') {
  return db.resource.create({ data: { name: `${kind} ${randomUUID().slice(0, 4)}`, kind, capacity: 1, slotMinutes: 15 }, select: { id: true, kind: true } });
}

export async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(Buffer.from(c as Buffer));
  return Buffer.concat(chunks);
}

/** A small RFC 4180 reader, enough to read our own CSV back (quotes, commas, new lines in quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Every sheet of a workbook as rows of cell texts. */
export async function readWorkbook(buffer: Buffer): Promise<Record<string, string[][]>> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  const out: Record<string, string[][]> = {};
  wb.eachSheet((sheet) => {
    const rows: string[][] = [];
    sheet.eachRow({ includeEmpty: true }, (r, n) => {
      const values = (r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)));
      rows[n - 1] = values;
    });
    out[sheet.name] = Array.from(rows, (r) => r ?? []);
  });
  return out;
}

/** The first row in `rows` after a row whose first cell is `title`, whose first cell is `label`. */
export function findRow(rows: string[][], title: string, label: string): string[] | undefined {
  const start = rows.findIndex((r) => r[0] === title);
  if (start < 0) return undefined;
  for (let i = start + 1; i < rows.length && rows[i]!.length > 0 && rows[i]![0] !== ''; i++) if (rows[i]![0] === label) return rows[i];
  return undefined;
}

/** A Safe Suite stay written as the code would leave it: arriving 15:00, leaving 11:00 on these program dates. */
export async function stay(by: Actor, unitId: string, participantId: string, from: string, to: string, status: 'checked_in' | 'checked_out' | 'cancelled') {
  const startAt = atLocal(from, 15 * 60);
  const endAt = atLocal(to, 11 * 60);
  return db.stay.create({
    data: {
      unitId,
      participantId,
      status,
      startAt,
      endAt,
      turnoverMinutes: 180,
      blockedUntil: new Date(endAt.getTime() + 3 * 3_600_000),
      startDay: new Date(`${from}T00:00:00Z`),
      endDay: new Date(`${to}T00:00:00Z`),
      idempotencyKey: randomUUID(),
      createdById: by.id,
      confirmedAt: startAt,
      checkedInAt: status === 'cancelled' ? null : startAt,
      checkedOutAt: status === 'checked_out' ? endAt : null,
      closedAt: status === 'cancelled' ? startAt : null,
    },
    select: { id: true },
  });
}

/** Every table of a built report as rows of [label, ...display cells]. */
export function pageRows(report: {
  sections: {
    tables: { title: string; rows: { label: string; cells: { display: string }[] }[]; total: { label: string; cells: { display: string }[] } | null }[];
  }[];
}) {
  const out: Record<string, string[][]> = {};
  for (const t of report.sections.flatMap((s) => s.tables)) {
    out[t.title] = [...t.rows, ...(t.total ? [t.total] : [])].map((r) => [r.label, ...r.cells.map((c) => c.display)]);
  }
  return out;
}
