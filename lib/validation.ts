import { z } from 'zod';
import { parseDay } from '@/lib/calendar/index.ts';
import { AppError } from '@/lib/errors.ts';

// Shared field rules. Text never carries control characters or markup: a name with "<script>" is
// refused with a plain message rather than stored and escaped later.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MARKUP = /[<>]/;

/** A form's idempotency key that is missing, malformed or someone else's: the page is out of date. */
export const FORM_EXPIRED = 'This form has expired. Reload the page and try again.';

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
  return z
    .string({ error: missing })
    .trim()
    .min(1, { message: missing, abort: true })
    .refine((v) => parseDay(v) !== null, message);
}

/** A day picked for a booking, a stay or a waitlist entry. */
export const dayField = calendarDay('Choose a day, like 2026-11-21.', 'Choose a day.');

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

/** An id field whose refusal says which record was not found ("That stay was not found."). */
export const uuidOf = (message: string) => z.string({ error: message }).trim().toLowerCase().pipe(z.uuid(message));

/** The values of a group of checkboxes (or a repeated field): none, one or many, always a list. */
export const formList = <T extends z.ZodType>(item: T) =>
  z.preprocess((v) => (v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]), z.array(item));

/** A checkbox: ticked ("on", "true") or not (absent). */
export const checkboxField = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean());

/**
 * One form value that carries two, such as a move target "<resource id>@<slot start>": split by the
 * schema, so the action receives the parts (or the refusal, beside that field).
 */
export function pairField<A extends z.ZodType, B extends z.ZodType>(separator: string, first: A, second: B, message: string) {
  return z.string({ error: message }).transform((v, ctx): [z.output<A>, z.output<B>] => {
    const at = v.indexOf(separator);
    const a = at > 0 ? first.safeParse(v.slice(0, at)) : null;
    const b = at > 0 ? second.safeParse(v.slice(at + separator.length)) : null;
    if (!a?.success || !b?.success) {
      ctx.addIssue({ code: 'custom', message });
      return z.NEVER;
    }
    return [a.data, b.data];
  });
}

/** Which field a refusal is shown beside: a list of hidden inputs (ids, keys) that answer for the whole form instead, or a function of the issue's path. */
export type RefusalField = readonly string[] | ((path: readonly PropertyKey[], input: unknown) => string | undefined);

/**
 * Parses input for the data layer, which validates too: a caller that skipped the form still gets
 * a plain refusal (AppError 'invalid') beside the field its first issue names, or for the whole
 * form when that field is hidden. The one parse-or-refuse every feature uses.
 */
export function parseOrRefuse<S extends z.ZodType>(schema: S, input: unknown, where: RefusalField = []): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  if (typeof where === 'function') throw new AppError('invalid', issue.message, where(issue.path, input));
  const field = issue.path.length ? String(issue.path[0]) : undefined;
  throw new AppError('invalid', issue.message, field && !where.includes(field) ? field : undefined);
}
