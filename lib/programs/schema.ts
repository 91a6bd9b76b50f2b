import { z } from 'zod';
import { checkboxField, FORM_EXPIRED, longText, shortText, uuidOf, parseOrRefuse as refuse } from '@/lib/validation.ts';
import { PARTICIPANT_NOT_FOUND } from '@/lib/participants/messages.ts';
import { MAX_HEADCOUNT } from './rules.ts';
import { parseDay } from '@/lib/calendar/index.ts';

// Input rules for programs, sessions and attendance, shared by the forms and the data layer. Each
// is judged twice: by the action (the form's strings) and again by the data layer (the action's
// decoded values), so each schema takes its own output too and gives it back unchanged.

export const PROGRAM_NOT_FOUND = 'That program was not found. Reload the page.';
export const SESSION_NOT_FOUND = 'That session was not found. Reload the page.';
export { FORM_EXPIRED, PARTICIPANT_NOT_FOUND };
export const ALREADY_COUNTED = 'Already counted at this session.';
export const SESSION_CANCELLED = 'This session was cancelled: no one can be counted at it.';

const optionalText = (label: string, max: number) =>
  z
    .preprocess((v) => (v === undefined || v === null ? '' : v), longText(label, max))
    .refine((v) => !/[\r\n]/.test(v), 'Keep it to one line.')
    .refine((v) => !/[<>]/.test(v), 'Remove the < and > characters.')
    .transform((v) => (v === '' ? null : v));

const dayOf = (label: string) =>
  z
    .string({ error: `Enter ${label}.` })
    .trim()
    .refine((v) => parseDay(v) !== null, `Enter ${label} as a date, like 2026-11-24.`);
const optionalDay = (label: string) => z.preprocess((v) => (v === '' || v === undefined || v === null ? null : v), dayOf(label).nullable());

/** Minutes after midnight as the form writes them (540 → "9:00"; 1440 → "24:00"). */
const clock = (minutes: number) => `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;

/** "9:00" or "09:00" → minutes after midnight; "24:00" ends the day. Minutes already decoded are read back as the time they stand for. */
const timeOf = (label: string) =>
  z.preprocess(
    (v) => (typeof v === 'number' ? clock(v) : v),
    z
      .string({ error: `Enter ${label}.` })
      .trim()
      .refine((v) => /^([01]?\d|2[0-3]):[0-5]\d$|^24:00$/.test(v), `Enter ${label} like 9:30 or 13:00.`)
      .transform((v) => {
        const [h, m] = v.split(':').map(Number) as [number, number];
        return h * 60 + m;
      }),
  );

const programFields = {
  name: shortText('a name', 80),
  description: optionalText('the description', 500),
  partner: optionalText('the partner', 120),
  frequency: z.enum(['weekly', 'fortnightly'], { error: 'Choose every week or every two weeks.' }),
  weekday: z.coerce
    .number({ error: 'Choose a day of the week.' })
    .int('Choose a day of the week.')
    .min(1, 'Choose a day of the week.')
    .max(7, 'Choose a day of the week.'),
  start: timeOf('a start time'),
  end: timeOf('an end time'),
  activeFrom: dayOf('the first date'),
  activeTo: optionalDay('the last date'),
};
const programChecks = (v: { start: number; end: number; activeFrom: string; activeTo: string | null }, ctx: z.RefinementCtx) => {
  if (v.end <= v.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'End after the start time.' });
  if (v.activeTo && v.activeTo < v.activeFrom) ctx.addIssue({ code: 'custom', path: ['activeTo'], message: 'The last date is before the first date.' });
};
export const ProgramSchema = z.object(programFields).superRefine(programChecks);
export type ProgramInput = z.infer<typeof ProgramSchema>;

export const ProgramIdSchema = z.object({ id: uuidOf(PROGRAM_NOT_FOUND) });
/** The edit form: the program's fields and its id (a hidden input). */
export const UpdateProgramSchema = z.object({ ...programFields, ...ProgramIdSchema.shape }).superRefine(programChecks);
export const ClosedDaySchema = z.object({ day: dayOf('the date'), reason: shortText('a reason, like Canada Day', 120) });
export const ClosedDayIdSchema = z.object({ day: dayOf('the date') });

const sessionTimes = {
  day: dayOf('the date'),
  start: timeOf('a start time'),
  end: timeOf('an end time'),
};
const endAfterStart = (v: { start: number; end: number }, ctx: z.RefinementCtx) => {
  if (v.end <= v.start) ctx.addIssue({ code: 'custom', path: ['end'], message: 'End after the start time.' });
};
export const OneOffSchema = z.object({ programId: uuidOf(PROGRAM_NOT_FOUND), ...sessionTimes }).superRefine(endAfterStart);
export const MoveSessionSchema = z.object({ sessionId: uuidOf(SESSION_NOT_FOUND), ...sessionTimes }).superRefine(endAfterStart);
export const CancelSessionSchema = z.object({ sessionId: uuidOf(SESSION_NOT_FOUND), reason: shortText('a reason, like the nurse is away', 200) });

export const AttendeeSchema = z.object({ sessionId: uuidOf(SESSION_NOT_FOUND), participantId: uuidOf(PARTICIPANT_NOT_FOUND) });
export const AddAnonymousSchema = z.object({ sessionId: uuidOf(SESSION_NOT_FOUND), idempotencyKey: uuidOf(FORM_EXPIRED) });

const headcount = z.preprocess(
  (v) => (typeof v === 'number' ? String(v) : typeof v === 'string' && v.trim() === '' ? '0' : v),
  z
    .string({ error: 'Enter how many people gave no name, or 0.' })
    .trim()
    .refine((v) => /^-?\d+$/.test(v), 'Enter a whole number, like 5.')
    .transform(Number)
    .refine((n) => n >= 0, 'A headcount cannot be below 0.')
    .refine((n) => n <= MAX_HEADCOUNT, `That is more than ${MAX_HEADCOUNT} people. Check the number.`),
);
export const SessionDetailsSchema = z.object({
  sessionId: uuidOf(SESSION_NOT_FOUND),
  anonymousCount: headcount,
  partnerPresent: checkboxField,
  topics: optionalText('the topics', 200),
});

const HIDDEN = ['id', 'sessionId', 'programId', 'idempotencyKey'];

/** The data layer validates too: a refusal is shown beside its field (hidden inputs answer for the whole form). */
export const parseOrRefuse = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => refuse(schema, input, HIDDEN);
