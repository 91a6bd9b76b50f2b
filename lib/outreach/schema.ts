import { z } from 'zod';
import { shortText, uuidOf, parseOrRefuse as refuse } from '@/lib/validation.ts';
import { PARTICIPANT_NOT_FOUND } from '@/lib/participants/messages.ts';

// Input rules for outreach shifts and contacts, shared by the phone's forms, its offline queue and
// the data layer. Ids of shifts and contacts are made on the phone (a uuid), so a resend of the same
// entry carries the same id. Field names are the form's: `zoneId`, `contactedAt`, `quantity.<id>`…

export const QUANTITY_MAX = 500; // matches outreach_contact_supply_quantity_check
export const PEOPLE_MAX = 50; // matches outreach_contact_people_check
export const VOID_REASON_MAX = 200; // matches the *_void_check constraints
export const OPTION_NAME_MAX = 60; // matches outreach_option_name_check
const MAX_LINES = 50;

export const ENTRY_EXPIRED = 'This entry could not be matched. Reload the page and try again.';
export const SHIFT_NOT_FOUND = 'That shift was not found. Start a shift first.';
export const SHIFT_VOIDED = 'That shift was voided. Start a new shift.';
export const SHIFT_ENDS_BEFORE_START = 'The end must be after the start.';
export const SHIFT_TOO_LONG = 'A shift can last 36 hours at most. Check the times.';
export const CONTACT_OUTSIDE_SHIFT = 'This time is outside the shift. Check the time, or the shift’s start and end.';
export const ZONE_NOT_IN_LIST = 'Choose a zone from the list.';
export const PLATFORM_NOT_IN_LIST = 'Choose platforms from the list.';
export const PLATFORM_MISSING = 'Choose at least one platform.';
export const KIND_NOT_IN_LIST = 'Choose what happened from the list.';
export const KIND_MISSING = 'Choose what happened.';
export const SUPPLY_NOT_IN_LIST = 'Choose supplies from the list.';
export const QUANTITY_RANGE = `Enter a whole number from 0 to ${QUANTITY_MAX}.`;
export const QUANTITY_NOTHING = 'Enter how many were given, for the person or for someone else.';
export const PEOPLE_RANGE = `Enter a number of people from 1 to ${PEOPLE_MAX}.`;
export const PEOPLE_ONE = 'A contact with a named person counts one person. Record a group as anonymous.';
export const STAFF_NOT_FOUND = 'Choose staff who do outreach.';
export const VOIDED_REPLAY = 'This entry was voided after it was first sent. It was not stored again.';
export const SHIFT_ALREADY_ENDED = 'This shift has already ended.';
export const CONTACT_NOT_FOUND = 'That contact was not found.';
export const CHANGE_REFUSED = 'Only the person who recorded it, a coordinator or a manager can void it.';

const when = (label: string) => z.date({ error: `Enter the ${label}.` }).refine((d) => !Number.isNaN(d.getTime()), `Enter the ${label}.`);
const count = (message: string, min: number, max: number) => z.number({ error: message }).int(message).min(min, message).max(max, message);

export const OUTREACH_MODES = ['street', 'online'] as const;
export type OutreachMode = (typeof OUTREACH_MODES)[number];
export const OUTREACH_LISTS = ['zone', 'platform', 'contact_kind'] as const;
export type OutreachList = (typeof OUTREACH_LISTS)[number];
export const LIST_LABELS: Record<OutreachList, string> = { zone: 'Street zones', platform: 'Online platforms', contact_kind: 'What happened at a contact' };

export const StartShiftSchema = z
  .object({
    id: uuidOf(ENTRY_EXPIRED),
    mode: z.enum(OUTREACH_MODES, { error: 'Choose street or online.' }),
    zoneId: uuidOf(ZONE_NOT_IN_LIST).optional(),
    platformIds: z.array(uuidOf(PLATFORM_NOT_IN_LIST), { error: PLATFORM_NOT_IN_LIST }).max(MAX_LINES, PLATFORM_NOT_IN_LIST).default([]),
    /** Who else went out; the one recording is always on the shift. */
    staffIds: z.array(uuidOf(STAFF_NOT_FOUND), { error: STAFF_NOT_FOUND }).max(10, STAFF_NOT_FOUND).default([]),
    startedAt: when('start time').optional(),
    endedAt: when('end time').optional(),
  })
  .superRefine((v, ctx) => {
    if (v.mode === 'street' && !v.zoneId) ctx.addIssue({ code: 'custom', path: ['zoneId'], message: ZONE_NOT_IN_LIST });
    if (v.mode === 'online' && !v.platformIds.length) ctx.addIssue({ code: 'custom', path: ['platformIds'], message: PLATFORM_MISSING });
  });
export type StartShiftInput = z.input<typeof StartShiftSchema>;

export const EndShiftSchema = z.object({ shiftId: uuidOf(SHIFT_NOT_FOUND), endedAt: when('end time').optional() });
export type EndShiftInput = z.input<typeof EndShiftSchema>;

const supplyLine = z.object(
  {
    serviceTypeId: uuidOf(SUPPLY_NOT_IN_LIST),
    quantity: count(QUANTITY_RANGE, 0, QUANTITY_MAX),
    forOthers: count(QUANTITY_RANGE, 0, QUANTITY_MAX).default(0),
  },
  { error: SUPPLY_NOT_IN_LIST },
);

export const AddContactSchema = z
  .object({
    id: uuidOf(ENTRY_EXPIRED),
    shiftId: uuidOf(SHIFT_NOT_FOUND),
    participantId: uuidOf(PARTICIPANT_NOT_FOUND).nullable(),
    peopleCount: count(PEOPLE_RANGE, 1, PEOPLE_MAX).default(1),
    isNew: z.boolean({ error: 'Choose new or returning.' }),
    contactedAt: when('time of the contact').optional(),
    kindIds: z.array(uuidOf(KIND_NOT_IN_LIST), { error: KIND_NOT_IN_LIST }).min(1, KIND_MISSING).max(MAX_LINES, KIND_NOT_IN_LIST),
    supplies: z.array(supplyLine, { error: SUPPLY_NOT_IN_LIST }).max(MAX_LINES, SUPPLY_NOT_IN_LIST).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.participantId && v.peopleCount !== 1) ctx.addIssue({ code: 'custom', path: ['peopleCount'], message: PEOPLE_ONE });
    if (new Set(v.kindIds).size !== v.kindIds.length) ctx.addIssue({ code: 'custom', path: ['kindIds'], message: 'Choose each only once.' });
    if (new Set(v.supplies.map((s) => s.serviceTypeId)).size !== v.supplies.length) {
      ctx.addIssue({ code: 'custom', path: ['supplies'], message: 'Choose each supply only once.' });
    }
    v.supplies.forEach((s, i) => {
      if (s.quantity + s.forOthers < 1) ctx.addIssue({ code: 'custom', path: ['supplies', i, 'quantity'], message: QUANTITY_NOTHING });
    });
  });
export type AddContactInput = z.input<typeof AddContactSchema>;

export const VoidSchema = z.object({ id: uuidOf(CONTACT_NOT_FOUND), reason: shortText('a reason', VOID_REASON_MAX) });
export type VoidInput = z.input<typeof VoidSchema>;

export const CreateOptionSchema = z.object({
  list: z.enum(OUTREACH_LISTS, { error: 'Choose a list.' }),
  name: shortText('a name', OPTION_NAME_MAX),
});
export const RenameOptionSchema = z.object({ id: uuidOf('That entry was not found.'), name: shortText('a name', OPTION_NAME_MAX) });
export const SetOptionStatusSchema = z.object({
  id: uuidOf('That entry was not found.'),
  status: z.enum(['active', 'inactive'], { error: 'Choose in use or no longer used.' }),
});

/** The form field an issue belongs beside: supply quantities by supply (`quantity.<id>`, `forOthers.<id>`). */
export function outreachField(path: readonly PropertyKey[], input: unknown): string | undefined {
  const [head, index, leaf] = path;
  if (head === 'supplies' && typeof index === 'number' && (leaf === 'quantity' || leaf === 'forOthers')) {
    const line = (input as { supplies?: { serviceTypeId?: unknown }[] })?.supplies?.[index];
    return typeof line?.serviceTypeId === 'string' ? `${leaf}.${line.serviceTypeId}` : 'supplies';
  }
  if (head === undefined || head === 'id') return undefined;
  return String(head);
}

/** The data layer validates too: a refusal is shown beside its field. */
export const parseOrRefuse = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => refuse(schema, input, outreachField);
