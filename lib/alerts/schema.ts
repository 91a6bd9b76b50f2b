import { z } from 'zod';
import { calendarDay, longText, shortText } from '@/lib/validation.ts';
import { MODES, PRIVATE_CHOICES, TIMES, TYPES, VENUES } from './labels.ts';
import { MAX_NORMAL, normalizeHandle, normalizePhone, normalizePlate } from './normalize.ts';
import { ACTIONS } from './rules.ts';

// Input rules for bad date reports, shared by the form and the data layer. Forms post strings;
// an empty optional field is null. What the schema hands on (null for an empty field or an
// anonymous reporter) is taken again as itself, so the action's edge and the data layer judge alike. Short fields refuse < and > like every other label here; the
// description and the account are free text and may hold anything printable (shown as text).

export const REPORT_NOT_FOUND = 'That report was not found. Reload the page.';
export const REPORTER_NOT_FOUND = 'That participant was not found. Search again, or choose Anonymous.';
export const INCIDENT_DATE_INVALID = 'Enter the date it happened as a real date, like 2026-11-21.';
export const MAX = {
  area: 80,
  vehicle: 40,
  plateTyped: 16,
  phoneTyped: 25,
  platform: 40,
  handleTyped: 60,
  email: 254,
  appearance: 1000,
  nameUsed: 60,
  account: 4000,
} as const;

const optional = <T extends z.ZodType>(inner: T) =>
  z
    .preprocess((v) => ((typeof v === 'string' && v.trim() === '') || v === null ? undefined : v), inner.optional())
    .transform((v) => (v ?? null) as z.infer<T> | null);

const short = (label: string, max: number) => optional(shortText(label, max));

const plate = optional(
  shortText('the plate', MAX.plateTyped)
    .refine((v) => normalizePlate(v).length >= 1, 'A plate needs at least one letter or number.')
    .refine((v) => normalizePlate(v).length <= MAX_NORMAL.plate, `Keep the plate to ${MAX_NORMAL.plate} letters and numbers or fewer.`),
);
const phone = optional(
  shortText('the phone number', MAX.phoneTyped)
    .refine((v) => !/\p{L}/u.test(v), 'Use digits for the phone number (spaces, dashes and brackets are fine).')
    .refine((v) => normalizePhone(v).length >= 3, 'Enter at least 3 digits of the phone number.')
    .refine((v) => normalizePhone(v).length <= MAX_NORMAL.phone, `A phone number has at most ${MAX_NORMAL.phone} digits.`),
);
const handle = optional(
  shortText('the handle', MAX.handleTyped).refine(
    (v) => normalizeHandle(v).length <= MAX_NORMAL.handle,
    `Keep the handle to ${MAX_NORMAL.handle} characters or fewer.`,
  ),
);
const email = optional(shortText('the email', MAX.email).pipe(z.string().toLowerCase().email('Enter a valid email, like name@example.org.')));

const list = (v: unknown) => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const checkbox = z.preprocess((v) => v === 'on' || v === true || v === 'true', z.boolean());

export const ReportSchema = z.object({
  incidentDate: calendarDay(INCIDENT_DATE_INVALID, 'Enter the date it happened.'),
  timeOfDay: z.enum(TIMES, { error: 'Choose roughly when it happened.' }),
  mode: z.enum(MODES, { error: 'Choose how the person was working.' }),
  venue: z
    .preprocess((v) => (v === '' || v === null ? undefined : v), z.enum(VENUES, { error: 'Choose the kind of place.' }).optional())
    .transform((v) => v ?? null),
  types: z
    .preprocess(
      list,
      z
        .array(z.enum(TYPES, { error: 'Choose what happened from the list.' }))
        .min(1, 'Choose at least one thing that happened.')
        .max(TYPES.length),
    )
    .transform((v) => [...new Set(v)]),
  area: short('the general area', MAX.area),
  vehicleMake: short('the make', MAX.vehicle),
  vehicleModel: short('the model', MAX.vehicle),
  vehicleColour: short('the colour', MAX.vehicle),
  plate,
  platform: short('the platform', MAX.platform),
  handle,
  phone,
  email,
  appearance: optional(longText('the description', MAX.appearance)),
  nameUsed: short('the name they used', MAX.nameUsed),
  account: optional(longText('the account', MAX.account)),
  private: z
    .preprocess(list, z.array(z.enum(PRIVATE_CHOICES as [string, ...string[]], { error: 'Choose fields from the list.' })))
    .transform((v) => [...new Set(v)]),
  reporter: z.preprocess(
    (v) => (v === null ? 'anonymous' : v),
    z
      .string({ error: 'Find the participant, or choose Anonymous.' })
      .trim()
      .toLowerCase()
      .refine((v) => v !== '', 'Find the participant, or choose Anonymous.')
      .transform((v) => (v === 'anonymous' ? null : v))
      .pipe(z.uuid(REPORTER_NOT_FOUND).nullable()),
  ),
  wantsFollowUp: checkbox,
  policeConsent: checkbox,
});
export type ReportInput = z.input<typeof ReportSchema>;
export type ReportData = z.output<typeof ReportSchema>;

const reportId = z.string({ error: REPORT_NOT_FOUND }).trim().toLowerCase().pipe(z.uuid(REPORT_NOT_FOUND));
export const ReportIdSchema = z.object({ id: reportId });
export const TransitionSchema = z.object({ id: reportId, action: z.enum(ACTIONS, { error: 'That change is not possible for this report.' }) });
export const PrivateFieldsSchema = z.object({ id: reportId, private: ReportSchema.shape.private });

export const SEARCH_MAX = 60;
export const SearchSchema = z.object({
  q: z
    .string({ error: 'Type part of a plate, a phone number, a handle or words of a description.' })
    .trim()
    .min(2, 'Type at least 2 letters or numbers.')
    .max(SEARCH_MAX, `Keep the search to ${SEARCH_MAX} characters or fewer.`),
});
