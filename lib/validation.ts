import { z } from 'zod';
import { parseDay } from '@/lib/calendar/index.ts';

// Shared field rules. Text never carries control characters or markup: a name with "<script>" is
// refused with a plain message rather than stored and escaped later.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MARKUP = /[<>]/;

/** A short single-line label such as a name. */
export function shortText(label: string, max: number) {
  return z
    .string({ error: `Enter ${label}.` })
    .trim()
    .min(1, `Enter ${label}.`)
    .max(max, `Keep ${label} to ${max} characters or fewer.`)
    .refine((v) => !CONTROL.test(v) && !/[\r\n]/.test(v), 'Remove the special characters.')
    .refine((v) => !MARKUP.test(v), 'Remove the < and > characters.');
}

/** Multi-line free text; newlines allowed, other control characters not. */
export function longText(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `Keep ${label} to ${max} characters or fewer.`)
    .refine((v) => !CONTROL.test(v), 'Remove the special characters.');
}

/**
 * A calendar date typed or picked as "2026-11-21". One parser for every date field (`parseDay`):
 * an impossible date such as 2026-02-30 is refused with `message`, never rolled over to March.
 */
export function calendarDay(message: string, missing = message) {
  return z.string({ error: missing }).trim().min(1, { message: missing, abort: true }).refine((v) => parseDay(v) !== null, message);
}

export const emailField = z
  .string({ error: 'Enter an email.' })
  .trim()
  .toLowerCase()
  .min(3, 'Enter an email.')
  .max(254, 'That email is too long.')
  .email('Enter a valid email, like name@example.org.');

export const uuidField = (what = 'record') => z.string().uuid(`That ${what} was not found.`);

/** FormData → plain object; repeated keys become arrays. */
export function formToObject(form: FormData): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of form.entries()) {
    if (k.startsWith('$ACTION')) continue;
    const value = typeof v === 'string' ? v : v.name;
    if (k in out) out[k] = ([] as unknown[]).concat(out[k], value);
    else out[k] = value;
  }
  return out;
}
