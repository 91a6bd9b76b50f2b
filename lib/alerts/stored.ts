import { decryptField, encryptField } from '@/lib/crypto/fields.ts';
import { COMMON_FIELDS, MODE_FIELDS, TEXT_FIELDS, type PublicField, type ReportText, type WorkMode } from './labels.ts';
import { indexTokens, keyTokens } from './blind-index.ts';
import type { AlertSource } from './rules.ts';

// A report's stored form: the text fields as one AES-256-GCM value bound to the row and column
// (`alert_report:<id>:details`, the convention the access-request export decrypts by), and the
// blind-index tokens. No server-only import: the demo seed writes reports through this too.

export const detailsContext = (id: string) => `alert_report:${id}:details`;

export function encryptDetails(id: string, text: ReportText): Uint8Array<ArrayBuffer> {
  return encryptField(JSON.stringify(text), detailsContext(id))!;
}

export function decryptDetails(id: string, stored: Uint8Array): ReportText {
  const parsed = JSON.parse(decryptField(stored, detailsContext(id)) ?? '{}') as Partial<ReportText>;
  return Object.fromEntries(TEXT_FIELDS.map((f) => [f, typeof parsed[f] === 'string' ? parsed[f] : null])) as ReportText;
}

/** Only the fields that fit how the person was working; the rest are dropped (the form hid them). */
export function fittingText(mode: WorkMode, input: Partial<Record<keyof ReportText, string | null>>): ReportText {
  const keep = new Set([...COMMON_FIELDS, ...MODE_FIELDS[mode]]);
  return Object.fromEntries(TEXT_FIELDS.map((f) => [f, keep.has(f) ? (input[f] ?? null) : null])) as ReportText;
}

/** The searchable fields of a text, without those marked private when `publicOnly`. */
function indexable(text: ReportText, hidden: Set<string>) {
  const v = (f: PublicField) => (hidden.has(f) ? null : text[f]);
  return {
    plate: v('plate'),
    phone: v('phone'),
    handle: v('handle'),
    email: v('email'),
    text: [v('appearance'), v('nameUsed'), v('vehicleMake'), v('vehicleModel'), v('vehicleColour'), v('platform'), v('area')],
  };
}

/** Tokens for a report: what anyone's search may match (shown fields) and what a reviewer's may. */
export function reportTokens(text: ReportText, privateFields: string[]) {
  return {
    publicTokens: indexTokens(indexable(text, new Set(privateFields))),
    allTokens: indexTokens(indexable(text, new Set())),
    keyTokens: keyTokens({ plate: text.plate, phone: text.phone }),
  };
}

/** The columns `toAlertView` needs, for `select`. */
export const SOURCE_SELECT = {
  id: true,
  incidentDate: true,
  timeOfDay: true,
  mode: true,
  venue: true,
  types: true,
  privateFields: true,
  publishedAt: true,
  detailsEnc: true,
} as const;

type SourceRow = Omit<AlertSource, 'incidentDate' | 'text'> & { incidentDate: Date; detailsEnc: Uint8Array };

export function toSource(row: SourceRow): AlertSource {
  const { detailsEnc, incidentDate, ...rest } = row;
  return { ...rest, incidentDate: incidentDate.toISOString().slice(0, 10), text: decryptDetails(row.id, detailsEnc) };
}
