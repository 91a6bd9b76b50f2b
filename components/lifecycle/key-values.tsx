import { DECLINED, GENDER_LABELS, INDIGENOUS_LABELS, NOT_ASKED, TRAVELLING_LABELS } from '@/lib/participants/labels.ts';
import type { JsonRow } from '@/lib/participants/access-request.ts';
import { formatDate, formatDateTime } from '@/lib/calendar/index.ts';

// Database rows as a person reads them: column names in words, coded values in the words the
// forms use, times in program time. Generic, so later features' tables read well too.

const CODED: Record<string, Record<string, string>> = {
  gender: GENDER_LABELS,
  indigenous_identity: INDIGENOUS_LABELS,
  travelling: TRAVELLING_LABELS,
};
const STATES: Record<string, string> = { not_asked: NOT_ASKED, declined: DECLINED, answered: 'Answered' };

/** `home_community_state` → "Home community state"; `consent_by_id` → "Consent by (id)". */
export function readableKey(key: string): string {
  const words = key.replace(/_id$/, ' (id)').replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function readableValue(key: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string') {
    if (CODED[key]?.[value]) return CODED[key][value]!;
    if (key.endsWith('_state') && STATES[value]) return STATES[value]!;
    if (/^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(value)) return formatDateTime(value);
    if (/^\d{4}-\d\d-\d\d$/.test(value)) return formatDate(`${value}T12:00:00Z`);
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => readableValue(key, v)).join(', ');
  if (typeof value === 'object')
    return Object.entries(value)
      .map(([k, v]) => `${readableKey(k)}: ${readableValue(k, v)}`)
      .join('; ');
  return String(value);
}

// Two columns that wrap long values (ids, notes) instead of widening a phone's page.
const LIST = { display: 'grid', gridTemplateColumns: 'minmax(7rem, max-content) minmax(0, 1fr)', gap: '0.2rem 1rem', margin: 0 } as const;
const VALUE = { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' } as const;

/** One row as a definition list. */
export function KeyValues({ row }: { row: JsonRow }) {
  return (
    <dl style={LIST}>
      {Object.entries(row).map(([key, value]) => (
        <div key={key} style={{ display: 'contents' }}>
          <dt style={{ fontWeight: 600 }}>{readableKey(key)}</dt>
          <dd style={VALUE}>{readableValue(key, value)}</dd>
        </div>
      ))}
    </dl>
  );
}
