import { z } from 'zod';
import { shortText } from '@/lib/validation.ts';
import { KINDS } from './schema.ts';
import { atLocal, parseDay } from '@/lib/calendar/index.ts';

// Input rules for resources, their opening hours and closures (the settings pages), shared by
// the forms and the data layer. Limits match the check constraints in migration 20261121050000_bookings.

export const RESOURCE_NAME_MAX = 60;
export const CAPACITY_MAX = 20;
export const SLOT_MINUTES = { min: 10, max: 240 } as const;
export const CLOSURE_REASON_MAX = 120;
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const WEEKDAY_LABEL: Record<number, string> = { 1: 'Monday', 2: 'Tuesday', 3: 'Wednesday', 4: 'Thursday', 5: 'Friday', 6: 'Saturday', 7: 'Sunday' };

const RESOURCE_NOT_FOUND = 'That shower or laundry was not found. Reload the page.';
const id = (message: string) => z.string({ error: message }).trim().toLowerCase().pipe(z.uuid(message));
const whole = (what: string, min: number, max: number) =>
  z.coerce
    .number({ error: `Enter ${what}.` })
    .int(`Enter ${what} as a whole number.`)
    .min(min, `Enter ${what} from ${min} to ${max}.`)
    .max(max, `Enter ${what} from ${min} to ${max}.`);

const capacity = whole('how many can use it at once', 1, CAPACITY_MAX);
const slotMinutes = whole('the slot length in minutes', SLOT_MINUTES.min, SLOT_MINUTES.max).refine(
  (m) => m % 5 === 0,
  'Use a slot length in steps of 5 minutes.',
);
const flag = z
  .unknown()
  .optional()
  .transform((v) => v === 'on' || v === true || v === 'true');

export const CreateResourceSchema = z.object({
  name: shortText('a name', RESOURCE_NAME_MAX),
  kind: z.enum(KINDS, { error: 'Choose shower or laundry.' }),
  capacity,
  slotMinutes,
});
export type CreateResourceInput = z.input<typeof CreateResourceSchema>;

export const UpdateResourceSchema = z.object({ id: id(RESOURCE_NOT_FOUND), name: shortText('a name', RESOURCE_NAME_MAX), capacity, slotMinutes, active: flag });
export type UpdateResourceInput = z.input<typeof UpdateResourceSchema>;

/** "9:00" / "09:00" / "24:00" → minutes after midnight; null when not a time of day. */
export function parseClock(value: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(value.trim());
  if (!m) return null;
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  return Number(m[2]) < 60 && minutes <= 1440 ? minutes : null;
}

const clock = z.string().optional().default('');

/** The hours form's fields: `opens.<weekday>` and `closes.<weekday>` per day, both empty for a closed day. */
const hoursFields = z.object({
  resourceId: id(RESOURCE_NOT_FOUND),
  ...Object.fromEntries(
    WEEKDAYS.flatMap((d) => [
      [`opens.${d}`, clock],
      [`closes.${d}`, clock],
    ]),
  ),
});

/** Each open day's times in minutes, or an issue beside the box that is wrong. */
function openDays(raw: z.output<typeof hoursFields>, ctx: z.RefinementCtx) {
  const hours: { weekday: number; opensMin: number; closesMin: number }[] = [];
  for (const d of WEEKDAYS) {
    const opens = (raw as Record<string, string>)[`opens.${d}`]!.trim();
    const closes = (raw as Record<string, string>)[`closes.${d}`]!.trim();
    if (!opens && !closes) continue;
    const o = parseClock(opens);
    const c = parseClock(closes);
    if (o === null || c === null) {
      ctx.addIssue({ code: 'custom', path: [o === null ? `opens.${d}` : `closes.${d}`], message: 'Enter a time like 9:00, or leave both empty for closed.' });
    } else if (o >= c) {
      ctx.addIssue({ code: 'custom', path: [`closes.${d}`], message: 'Closing time must be after opening time.' });
    } else hours.push({ weekday: d, opensMin: o, closesMin: c });
  }
  return hours;
}

/** Opening hours as the data layer keeps them: the resource and each open day in minutes. */
export const HoursSchema = hoursFields.transform((raw, ctx) => ({ resourceId: raw.resourceId, hours: openDays(raw, ctx) }));

/** The hours form at the action's edge: judged by the same rules, handed on as typed for the data layer to read. */
export const HoursFormSchema = hoursFields.superRefine((raw, ctx) => void openDays(raw, ctx));
export type HoursInput = z.input<typeof HoursSchema>;

/** A `datetime-local` value ("2026-12-25T09:00") read as program time; null when malformed. */
export function parseLocalDateTime(value: unknown): Date | null {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})$/.exec(value.trim());
  if (!m || !parseDay(m[1]) || Number(m[2]) > 23 || Number(m[3]) > 59) return null;
  return atLocal(m[1]!, Number(m[2]) * 60 + Number(m[3]));
}

/** A `datetime-local` value; an instant already read passes as itself (the data layer reads the edge's output again). */
const localDateTime = (what: string) =>
  z.unknown().transform((v, ctx) => {
    const d = v instanceof Date && !Number.isNaN(v.getTime()) ? v : parseLocalDateTime(v);
    if (!d) ctx.addIssue({ code: 'custom', message: `Enter when it ${what}, like 2026-12-25 09:00.` });
    return d ?? new Date(NaN);
  });

export const ClosureSchema = z
  .object({
    resourceId: z.union([z.literal('all'), id(RESOURCE_NOT_FOUND)], { error: 'Choose which shower or laundry closes.' }),
    startsAt: localDateTime('starts'),
    endsAt: localDateTime('ends'),
    reason: shortText('a reason', CLOSURE_REASON_MAX),
  })
  .refine((c) => Number.isNaN(c.startsAt.getTime()) || Number.isNaN(c.endsAt.getTime()) || c.endsAt > c.startsAt, {
    path: ['endsAt'],
    message: 'The end must be after the start.',
  });
export type ClosureInput = z.input<typeof ClosureSchema>;

export const ClosureIdSchema = z.object({ id: id('That closure was not found. Reload the page.') });
export const ResourceIdSchema = z.object({ id: id(RESOURCE_NOT_FOUND) });
