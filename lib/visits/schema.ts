import { z } from 'zod';
import { FORM_EXPIRED, formList, shortText, uuidOf } from '@/lib/validation.ts';
import { PARTICIPANT_NOT_FOUND } from '@/lib/participants/messages.ts';

export { FORM_EXPIRED };
import { parseLocalDateTime } from '@/lib/calendar/index.ts';

// Input rules for drop-in visits, shared by the quick-log panel, the edit form and the data layer.
// Field names are the form's: `participantId`, `services`, `quantity.<serviceTypeId>`, `visitedAt`.

export const QUANTITY_MAX = 500; // matches the visit_service_quantity_check constraint
export const VOID_REASON_MAX = 200; // matches the visit_void_check constraint
const MAX_LINES = 50;

export const PARTICIPANT_DEIDENTIFIED = 'This person’s record was de-identified. Log an anonymous visit instead.';
export const PARTICIPANT_MISSING = 'Find the participant, or choose Anonymous visit.';
export const SERVICE_NOT_FOUND = 'One of the services was not found. Reload the page and try again.';
export const SERVICE_TWICE = 'Tick each service only once.';
export const QUANTITY_RANGE = `Enter a whole number from 1 to ${QUANTITY_MAX}.`;
export const VISIT_NOT_FOUND = 'That visit was not found.';
export const SAME_DAY_CHOICE = 'Choose Add to that visit or New visit.';
export const NOT_THEIR_VISIT = 'That visit is not this person’s visit today. Choose again.';

/**
 * What to do when the person already has a visit today: `ask` (refuse, so the desk can choose),
 * `add` (merge into `addToVisitId`), or `new` (a separate visit). The quick log always sends one.
 */
export const SAME_DAY_CHOICES = ['ask', 'add', 'new'] as const;
export type SameDayChoice = (typeof SAME_DAY_CHOICES)[number];
const SameDaySchema = z.enum(SAME_DAY_CHOICES, { error: SAME_DAY_CHOICE });

const serviceLine = z.object(
  {
    serviceTypeId: uuidOf(SERVICE_NOT_FOUND),
    quantity: z.number({ error: QUANTITY_RANGE }).int(QUANTITY_RANGE).min(1, QUANTITY_RANGE).max(QUANTITY_MAX, QUANTITY_RANGE),
  },
  { error: SERVICE_NOT_FOUND },
);

const serviceLines = z
  .array(serviceLine, { error: SERVICE_NOT_FOUND })
  .max(MAX_LINES, SERVICE_NOT_FOUND)
  .refine((lines) => new Set(lines.map((l) => l.serviceTypeId)).size === lines.length, SERVICE_TWICE);

export const LogVisitSchema = z.object({
  idempotencyKey: uuidOf(FORM_EXPIRED),
  participantId: z
    .string({ error: (issue) => (issue.input === undefined ? PARTICIPANT_MISSING : PARTICIPANT_NOT_FOUND) })
    .trim()
    .toLowerCase()
    .pipe(z.uuid(PARTICIPANT_NOT_FOUND))
    .nullable(),
  services: serviceLines,
  visitedAt: z.date({ error: 'Enter the time of the visit.' }).optional(),
  // `add` is not logging: the desk's save sends it to addToVisit (same-day.ts).
  sameDay: SameDaySchema.exclude(['add'], { error: SAME_DAY_CHOICE }).optional(),
});

/**
 * What `logVisit` takes (the signature other features code against). `sameDay` left out means
 * `new`, as before, for callers that are not the desk (the quick log's form always says).
 */
export type LogVisitInput = {
  idempotencyKey: string;
  participantId: string | null;
  services: { serviceTypeId: string; quantity: number }[];
  visitedAt?: Date;
  sameDay?: 'ask' | 'new';
};

/** What the quick log sends: a visit to log, or (`add`) the lines to add to today's `addToVisitId`. */
export type DeskVisitInput = Omit<LogVisitInput, 'sameDay'> & { sameDay: SameDayChoice; addToVisitId?: string };

/** Merging a second visit into today's first (the quick log's "Add to that visit"). */
export const AddToVisitSchema = z.object({
  idempotencyKey: uuidOf(FORM_EXPIRED),
  visitId: uuidOf(NOT_THEIR_VISIT),
  participantId: uuidOf(NOT_THEIR_VISIT),
  services: serviceLines,
});
export type AddToVisitInput = z.infer<typeof AddToVisitSchema>;

export const UpdateVisitSchema = z.object({ visitId: uuidOf(VISIT_NOT_FOUND), services: serviceLines });
export type UpdateVisitInput = z.infer<typeof UpdateVisitSchema>;

export const VoidVisitSchema = z.object({ visitId: uuidOf(VISIT_NOT_FOUND), reason: shortText('a reason', VOID_REASON_MAX) });
export type VoidVisitInput = z.infer<typeof VoidVisitSchema>;

/** The form field a validation issue belongs beside (undefined: the form as a whole). */
export function visitField(path: readonly PropertyKey[], input: unknown): string | undefined {
  const [head, index, leaf] = path;
  if (head === 'services' && typeof index === 'number' && leaf === 'quantity') {
    const line = (input as { services?: { serviceTypeId?: unknown }[] }).services?.[index];
    return typeof line?.serviceTypeId === 'string' ? `quantity.${line.serviceTypeId}` : 'services';
  }
  if (head === 'idempotencyKey' || head === 'visitId' || head === undefined) return undefined;
  if (head === 'addToVisitId') return 'sameDay';
  return String(head);
}

const strings = (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/**
 * The form's services: a `service` value per ticked type and, for supplies, `quantity.<id>`.
 * Only the shape changes here; `LogVisitSchema` judges the values (an empty quantity becomes NaN
 * and is refused, not quietly taken as 1).
 */
function formServices(raw: Record<string, unknown>): unknown[] {
  return strings(raw.service).map((id) => {
    const quantity = typeof id === 'string' ? raw[`quantity.${id}`] : undefined;
    return { serviceTypeId: id, quantity: quantity === undefined ? 1 : typeof quantity === 'string' && quantity.trim() !== '' ? Number(quantity) : NaN };
  });
}

/**
 * The quick-log form (as `formToObject` gives it) in `logVisit`'s shape. Anonymous visits send
 * `participantId=anonymous`. A form without a same-day choice is asked (`ask`), never trusted to
 * mean a new visit: the server, not the panel, decides that the question was put.
 */
export function quickLogFormToInput(raw: Record<string, unknown>): DeskVisitInput {
  const who = raw.participantId;
  const when = typeof raw.visitedAt === 'string' && raw.visitedAt.trim() !== '' ? raw.visitedAt.trim() : undefined;
  const choice = raw.sameDay === undefined || raw.sameDay === '' ? 'ask' : raw.sameDay;
  const addTo = raw.addToVisitId === undefined || raw.addToVisitId === '' ? undefined : raw.addToVisitId;
  return {
    idempotencyKey: raw.idempotencyKey as string,
    participantId: who === 'anonymous' ? null : ((who === undefined || who === '' ? undefined : who) as string),
    services: formServices(raw) as LogVisitInput['services'],
    visitedAt: when === undefined ? undefined : (parseLocalDateTime(when) ?? new Date(NaN)),
    sameDay: choice as SameDayChoice,
    ...(addTo === undefined ? {} : { addToVisitId: addTo as string }),
  };
}

/** The edit form in `updateVisit`'s shape. */
export function editFormToInput(raw: Record<string, unknown>): UpdateVisitInput {
  return { visitId: raw.visitId as string, services: formServices(raw) as UpdateVisitInput['services'] };
}

/**
 * Judges decoded form values by the data layer's own schema, each refusal on the form field it
 * belongs beside (`visitField`; none: the form as a whole). The data layer judges them again.
 */
function judged<S extends z.ZodType>(schema: S, input: unknown, ctx: z.RefinementCtx): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    const field = visitField(issue.path, input);
    ctx.addIssue({ code: 'custom', message: issue.message, path: field === undefined ? [] : [field] });
  }
  return z.NEVER;
}

/**
 * The fields both visit forms post: a `service` per ticked type (a checkbox group) and, for
 * supplies, `quantity.<id>`, whose names follow the services shown (hence a loose object).
 */
const servicesForm = z.looseObject({ service: formList(z.unknown()) });

/** The quick log's form, decoded (quickLogFormToInput) and judged as the save it asks for. */
export const QuickLogFormSchema = servicesForm.transform((raw, ctx): DeskVisitInput => {
  const input = quickLogFormToInput(raw);
  if (input.sameDay !== 'add') return { ...judged(LogVisitSchema, input, ctx), sameDay: input.sameDay };
  const { idempotencyKey, participantId, services, addToVisitId } = input;
  const added = judged(AddToVisitSchema, { idempotencyKey, visitId: addToVisitId ?? '', participantId: participantId ?? '', services }, ctx);
  return { idempotencyKey: added.idempotencyKey, participantId: added.participantId, services: added.services, sameDay: 'add', addToVisitId: added.visitId };
});

/** The visit edit form, decoded (editFormToInput) and judged as the change. */
export const EditVisitFormSchema = servicesForm.transform((raw, ctx) => judged(UpdateVisitSchema, editFormToInput(raw), ctx));
