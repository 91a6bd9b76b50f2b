import { z } from 'zod';
import { FORM_EXPIRED, shortText, uuidOf, pairField, parseOrRefuse as refuse, dayField } from '@/lib/validation.ts';
import { PARTICIPANT_NOT_FOUND } from '@/lib/participants/messages.ts';
import { parseDay } from '@/lib/calendar/index.ts';

export { FORM_EXPIRED };

// Input rules for bookings, the waitlist and the wall-board links, shared by the forms and the
// data layer. Forms post strings; a person is a participant id or "anonymous".

export const KINDS = ['shower', 'laundry'] as const;
export const TRANSITIONS = ['check_in', 'done', 'cancel', 'no_show', 'reinstate'] as const;

export const PARTICIPANT_MISSING = 'Find the participant, or choose Anonymous.';
export const BOOKING_NOT_FOUND = 'That booking was not found. Reload the page.';
export const RESOURCE_NOT_FOUND = 'That shower or laundry was not found. Reload the page.';
export const ENTRY_NOT_FOUND = 'That waitlist entry was not found. Reload the page.';
export const PARTICIPANT_DEIDENTIFIED = 'This person’s record was de-identified. Book anonymously instead.';
export const ENTRY_CLOSED = 'That person is no longer waiting: they were booked or taken off the list.';
export const SLOT_MISSING = 'Choose a slot from the grid.';

/**
 * A participant id, or null for "anonymous" (a ticket number only). Null is taken as anonymous too,
 * so a value the action's schema already decoded passes the data layer's own check unchanged.
 */
export const whoField = z.preprocess(
  (v) => (v === null ? 'anonymous' : v),
  z
    .string({ error: (issue) => (issue.input === undefined ? PARTICIPANT_MISSING : PARTICIPANT_NOT_FOUND) })
    .trim()
    .toLowerCase()
    .refine((v) => v !== '', PARTICIPANT_MISSING)
    .transform((v) => (v === 'anonymous' ? null : v))
    .pipe(z.uuid(PARTICIPANT_NOT_FOUND).nullable()),
);

export const kindField = z.enum(KINDS, { error: 'Choose shower or laundry.' });

/** An instant as the grid posts it (ISO 8601 with its offset); an instant already decoded passes as itself. */
const instantField = z.preprocess(
  (v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString() : v),
  z
    .string({ error: SLOT_MISSING })
    .trim()
    .refine((v) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/.test(v), SLOT_MISSING)
    // `new Date` rolls 2026-02-30 over to 2 March; the day part must be a real date first.
    .refine((v) => parseDay(v.slice(0, 10)) !== null, SLOT_MISSING)
    .transform((v) => new Date(v))
    .refine((d) => !Number.isNaN(d.getTime()), SLOT_MISSING),
);

export const BookSlotSchema = z.object({
  idempotencyKey: uuidOf(FORM_EXPIRED),
  resourceId: uuidOf(RESOURCE_NOT_FOUND),
  slotStart: instantField,
  participantId: whoField,
});
export type BookSlotInput = z.input<typeof BookSlotSchema>;

export const BookNextSchema = z.object({ idempotencyKey: uuidOf(FORM_EXPIRED), kind: kindField, participantId: whoField });
export type BookNextInput = z.input<typeof BookNextSchema>;

export const TransitionSchema = z.object({
  bookingId: uuidOf(BOOKING_NOT_FOUND),
  transition: z.enum(TRANSITIONS, { error: 'That change is not possible for this booking.' }),
});
export type TransitionInput = z.input<typeof TransitionSchema>;

export const MoveSchema = z.object({ bookingId: uuidOf(BOOKING_NOT_FOUND), resourceId: uuidOf(RESOURCE_NOT_FOUND), slotStart: instantField });
export type MoveInput = z.input<typeof MoveSchema>;

export const AddToWaitlistSchema = z.object({ kind: kindField, day: dayField, participantId: whoField });
export type AddToWaitlistInput = z.input<typeof AddToWaitlistSchema>;

export const WaitlistEntrySchema = z.object({ entryId: uuidOf(ENTRY_NOT_FOUND) });
export const BookFromWaitlistSchema = z.object({ entryId: uuidOf(ENTRY_NOT_FOUND), idempotencyKey: uuidOf(FORM_EXPIRED) });

export const BOARD_LABEL_MAX = 60;
export const BoardLinkSchema = z.object({ label: shortText('a name for the screen', BOARD_LABEL_MAX) });
export const BoardLinkIdSchema = z.object({ id: uuidOf('That board link was not found. Reload the page.') });

export const CHOOSE_WHAT = 'Choose what to book.';
export const CHOOSE_MOVE = 'Choose where to move the booking.';

/** A booking button's value, "next:shower" or "wait:laundry": decoded to what to do and which kind. */
const modeOf = <V extends 'next' | 'wait'>(verb: V) =>
  z.enum(KINDS.map((k): string => `${verb}:${k}`)).pipe(pairField(':', z.literal(verb), kindField, CHOOSE_WHAT));

/**
 * The desk's booking forms, told apart by the button pressed (`mode`): a slot chosen on the grid,
 * the next free place of a kind, or a place on that kind's waitlist for the day. Each carries its
 * own fields; the data layer judges them again.
 */
export const DeskBookSchema = z.discriminatedUnion(
  'mode',
  [
    BookSlotSchema.extend({ mode: z.literal('slot').transform(() => ['slot', null] as const) }),
    BookNextSchema.omit({ kind: true }).extend({ mode: modeOf('next') }),
    AddToWaitlistSchema.omit({ kind: true }).extend({ mode: modeOf('wait') }),
  ],
  { error: CHOOSE_WHAT },
);

/** A slot or the next free place carries a key (Save again returns the first booking); the waitlist does not. */
const keyedMode = z.union([z.literal('slot'), modeOf('next')]);
export const deskBookKeyed = (raw: Record<string, unknown>) => keyedMode.safeParse(raw.mode).success;

/** The move form: one choice, "<resource id>@<slot start>", split into the two the move takes. */
export const MoveFormSchema = z
  .object({ bookingId: MoveSchema.shape.bookingId, target: pairField('@', MoveSchema.shape.resourceId, instantField, CHOOSE_MOVE) })
  .transform(({ bookingId, target: [resourceId, slotStart] }) => ({ bookingId, resourceId, slotStart }));

/** A waitlist entry's buttons: book the next free place for them (keyed), or take them off. */
export const WaitlistFormSchema = z.discriminatedUnion(
  'op',
  [BookFromWaitlistSchema.extend({ op: z.literal('book') }), WaitlistEntrySchema.extend({ op: z.literal('remove') })],
  { error: 'Choose Book next free or Remove.' },
);

/** The data layer validates too: a refusal is shown beside its field; the booking forms' hidden inputs answer for the whole form. */
export const parseOrRefuse = <S extends z.ZodType>(schema: S, input: unknown, hidden: readonly string[] = HIDDEN_FIELDS): z.output<S> =>
  refuse(schema, input, hidden);

/** Hidden inputs (ids, keys) have nowhere to show a message: those answer for the whole form. */
const HIDDEN_FIELDS = ['idempotencyKey', 'bookingId', 'entryId', 'resourceId', 'slotStart', 'transition', 'id'];
