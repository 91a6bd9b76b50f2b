import { z } from 'zod';
import { checkboxField, dayField, FORM_EXPIRED, longText, parseOrRefuse, shortText, uuidOf } from '@/lib/validation.ts';
import { PARTICIPANT_NOT_FOUND } from '@/lib/participants/messages.ts';
import { STAY_TRANSITIONS } from './rules.ts';

// Input rules for the Safe Suite, shared by the forms and the data layer. Dates and times are the
// program's wall clock as the form posts them ("2026-11-21", "15:00").

export const STAY_NOT_FOUND = 'That stay was not found. Reload the page.';
export const UNIT_NOT_FOUND = 'That unit was not found. Reload the page.';
export const PARTICIPANT_MISSING = 'Find the participant the stay is for.';
export { FORM_EXPIRED, PARTICIPANT_NOT_FOUND };
export const NOTE_MAX = 2000;

const timeField = z
  .string({ error: 'Enter a time, like 15:00.' })
  .trim()
  .regex(/^\d{1,2}:\d{2}$/, 'Enter a time, like 15:00.');

export const CreateStaySchema = z.object({
  idempotencyKey: uuidOf(FORM_EXPIRED),
  unitId: uuidOf(UNIT_NOT_FOUND),
  participantId: z
    .string({ error: PARTICIPANT_MISSING })
    .trim()
    .toLowerCase()
    .refine((v) => v !== '', PARTICIPANT_MISSING)
    .pipe(z.uuid(PARTICIPANT_NOT_FOUND)),
  startDate: dayField,
  startTime: timeField,
  endDate: dayField,
  endTime: timeField,
  /** "book": confirm now if free; "request": add to the waitlist. */
  mode: z.enum(['book', 'request'], { error: 'Choose to book or to add to the waitlist.' }).default('book'),
});
export type CreateStayInput = z.input<typeof CreateStaySchema>;

export const StayTransitionSchema = z.object({
  stayId: uuidOf(STAY_NOT_FOUND),
  transition: z.enum(STAY_TRANSITIONS, { error: 'That change is not possible for this stay.' }),
});
export type StayTransitionInput = z.input<typeof StayTransitionSchema>;

export const ExtendStaySchema = z.object({ stayId: uuidOf(STAY_NOT_FOUND), endDate: dayField, endTime: timeField });
export type ExtendStayInput = z.input<typeof ExtendStaySchema>;

export const LogEntrySchema = z
  .object({
    stayId: uuidOf(STAY_NOT_FOUND),
    kind: z.enum(['welfare_check', 'handover'], { error: 'Choose a welfare check or a handover note.' }),
    text: longText('the note', NOTE_MAX).optional().default(''),
  })
  .refine((v) => v.kind !== 'handover' || v.text !== '', { path: ['text'], message: 'Write the handover note.' });
export type LogEntryInput = z.input<typeof LogEntrySchema>;

export const StayIdSchema = z.object({ stayId: uuidOf(STAY_NOT_FOUND) });

export const UnitSchema = z.object({
  name: shortText('a name for the unit', 60),
  active: z.preprocess((v) => v === true || v === 'on' || v === 'true', z.boolean()).default(true),
});
export const UnitUpdateSchema = UnitSchema.extend({ id: uuidOf(UNIT_NOT_FOUND) });
/**
 * The unit settings' edit form: its "In use" box is a checkbox, and a browser sends nothing for an
 * unticked one, so absent means out of use here (the data layer's default, in use, is for callers
 * that do not say).
 */
export const UnitFormSchema = UnitUpdateSchema.extend({ active: checkboxField });

const HIDDEN = ['idempotencyKey', 'stayId', 'unitId', 'transition', 'id', 'mode'];

/** Parses input for the data layer: a caller that skipped the form still gets a plain refusal beside the field. */
export function parseStayInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  return parseOrRefuse(schema, input, HIDDEN);
}
