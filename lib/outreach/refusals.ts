import 'server-only';
import { AppError, dbErrorCode } from '@/lib/errors.ts';
import {
  CONTACT_OUTSIDE_SHIFT,
  KIND_NOT_IN_LIST,
  PLATFORM_NOT_IN_LIST,
  QUANTITY_RANGE,
  SHIFT_ENDS_BEFORE_START,
  SHIFT_NOT_FOUND,
  SHIFT_TOO_LONG,
  SHIFT_VOIDED,
  SUPPLY_NOT_IN_LIST,
  ZONE_NOT_IN_LIST,
} from './schema.ts';

// The database's refusals (check constraints and triggers, migration 20261206200000_outreach) as the
// phone reads them. The code checks first and explains; these answer when a change slipped in
// between (a zone deactivated, a shift ended on another phone) so the person still gets a plain
// message beside the field, never a 500.

const BY_CONSTRAINT: [string, string, string][] = [
  ['outreach_option_zone', ZONE_NOT_IN_LIST, 'zoneId'],
  ['outreach_option_platform', PLATFORM_NOT_IN_LIST, 'platformIds'],
  ['outreach_option_contact_kind', KIND_NOT_IN_LIST, 'kindIds'],
  ['outreach_contact_shift_voided', SHIFT_VOIDED, 'shiftId'],
  ['outreach_contact_in_shift', CONTACT_OUTSIDE_SHIFT, 'contactedAt'],
  ['outreach_shift_end_check', SHIFT_ENDS_BEFORE_START, 'endedAt'],
  ['outreach_shift_length_check', SHIFT_TOO_LONG, 'endedAt'],
  ['outreach_contact_supply_quantity_check', QUANTITY_RANGE, 'supplies'],
];

/** The plain refusal for a database error, or null when it is not one of ours (a bug: rethrow). */
export function constraintRefusal(error: unknown, fieldFor: Record<string, string> = {}): AppError | null {
  const code = dbErrorCode(error);
  const message = String((error as Error)?.message ?? '');
  if (code === '23503') {
    if (message.includes('service_type')) return new AppError('invalid', SUPPLY_NOT_IN_LIST, 'supplies');
    if (message.includes('shift_id')) return new AppError('invalid', SHIFT_NOT_FOUND, 'shiftId');
    if (message.includes('zone_id')) return new AppError('invalid', ZONE_NOT_IN_LIST, 'zoneId');
    if (message.includes('platform_id')) return new AppError('invalid', PLATFORM_NOT_IN_LIST, 'platformIds');
    if (message.includes('kind_id')) return new AppError('invalid', KIND_NOT_IN_LIST, 'kindIds');
    return null;
  }
  if (code !== '23514' && code !== 'P2004') return null;
  for (const [name, text, field] of BY_CONSTRAINT) {
    if (message.includes(name)) return new AppError('invalid', text, fieldFor[name] ?? field);
  }
  return null;
}

/** Runs a write and turns the database's refusals into plain ones. */
export async function refusingPlainly<T>(work: () => Promise<T>, fieldFor?: Record<string, string>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw constraintRefusal(error, fieldFor) ?? error;
  }
}
