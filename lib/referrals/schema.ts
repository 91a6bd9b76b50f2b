import { z } from 'zod';
import { checkboxField, FORM_EXPIRED, formList, longText, shortText, uuidOf, parseOrRefuse as refuse } from '@/lib/validation.ts';
import { PARTICIPANT_NOT_FOUND } from '@/lib/participants/messages.ts';
import { CATEGORIES, CONSENTS, REASON_MAX, REASONS, STATUSES, TEXT_MAX } from './rules.ts';
import { parseDay } from '@/lib/calendar/index.ts';

// Input rules for agencies and referrals, shared by the forms and the data layer. Forms post
// strings; a person is a participant id or "anonymous". Each schema is judged twice: by the action
// (the form's strings) and again by the data layer (the action's decoded values), so each takes its
// own output too and gives it back unchanged.

export const AGENCY_NOT_FOUND = 'Choose an agency from the directory.';
export const AGENCY_INACTIVE = 'That agency is no longer active. Choose another one.';
export const CATEGORY_NOT_OFFERED = 'That agency does not offer this kind of support. Choose one of its categories.';
export const REFERRAL_NOT_FOUND = 'That referral was not found. Reload the page.';
export { FORM_EXPIRED, PARTICIPANT_NOT_FOUND };
export const PARTICIPANT_MISSING = 'Find the participant, or choose Anonymous.';
export const CONSENT_NOT_RECORDED = 'Tick that the person agreed to share this, or choose "Nothing may be shared".';
export const ALIAS_NEEDS_PERSON = 'Someone anonymous has no alias to share: choose "Nothing" or a summary.';
export const SUMMARY_MISSING = 'Write the summary with the person, or choose another option.';

const optionalText = (label: string, max: number) =>
  longText(label, max)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .optional()
    .transform((v) => v ?? null);
const dayOf = (message: string) =>
  z
    .string({ error: message })
    .trim()
    .refine((v) => parseDay(v) !== null, message);

export const categoryField = z.enum(CATEGORIES, { error: 'Choose a category.' });

/** A form posts one `categories` value per ticked box (none, one, or a list). */
const categoriesField = formList(z.enum(CATEGORIES, { error: 'Tick at least one category.' }))
  .transform((v) => [...new Set(v)])
  .refine((v) => v.length > 0, 'Tick at least one category.');

export const AgencySchema = z.object({
  name: shortText('the agency name', 80),
  categories: categoriesField,
  phone: optionalText('the phone number', 40),
  hours: optionalText('the hours', 200),
  offers: optionalText('what they offer', 500),
  staffNotes: optionalText('the notes for staff', 500),
  active: checkboxField.default(false), // unticked posts nothing
});
export type AgencyInput = z.input<typeof AgencySchema>;
export const UpdateAgencySchema = AgencySchema.extend({ id: uuidOf(AGENCY_NOT_FOUND) });
/** The agency form: a new agency, or (with its id, a hidden input) an edit. */
export const SaveAgencySchema = AgencySchema.extend({
  id: z.preprocess((v) => (v === '' || v === null ? undefined : v), uuidOf(AGENCY_NOT_FOUND).optional()),
});

/** A participant id, or null for an anonymous referral (null read back as "anonymous"). */
const whoField = z.preprocess(
  (v) => (v === null ? 'anonymous' : v),
  z
    .string({ error: (issue) => (issue.input === undefined ? PARTICIPANT_MISSING : PARTICIPANT_NOT_FOUND) })
    .trim()
    .toLowerCase()
    .refine((v) => v !== '', PARTICIPANT_MISSING)
    .transform((v) => (v === 'anonymous' ? null : v))
    .pipe(z.uuid(PARTICIPANT_NOT_FOUND).nullable()),
);

export const CreateReferralSchema = z
  .object({
    idempotencyKey: uuidOf(FORM_EXPIRED),
    participantId: whoField,
    agencyId: uuidOf(AGENCY_NOT_FOUND),
    category: categoryField,
    reasonCategory: z.enum(REASONS, { error: 'Choose what the referral is for.' }),
    /** Optional words beyond the category; encrypted at rest. */
    reasonDetail: optionalText('the details', REASON_MAX),
    /** Missing: today. */
    referredOn: dayOf('Enter the referral date, like 2026-11-21.').optional(),
    /** Missing: a week after the referral date. */
    followUpOn: z.union([z.literal(''), dayOf('Enter the follow-up date, like 2026-11-28.')]).optional(),
    consent: z.enum(CONSENTS, { error: 'Choose what the person agreed may be shared.' }),
    consentConfirmed: checkboxField.default(false), // unticked posts nothing
    summary: optionalText('the summary', TEXT_MAX),
  })
  .superRefine((v, ctx) => {
    if (v.consent !== 'nothing' && !v.consentConfirmed) ctx.addIssue({ code: 'custom', path: ['consentConfirmed'], message: CONSENT_NOT_RECORDED });
    if (v.consent === 'alias_only' && v.participantId === null) ctx.addIssue({ code: 'custom', path: ['consent'], message: ALIAS_NEEDS_PERSON });
    if (v.consent === 'summary' && !v.summary) ctx.addIssue({ code: 'custom', path: ['summary'], message: SUMMARY_MISSING });
  });
export type CreateReferralInput = z.input<typeof CreateReferralSchema>;

export const ChangeStatusSchema = z.object({
  referralId: uuidOf(REFERRAL_NOT_FOUND),
  status: z.enum(STATUSES, { error: 'Choose what happened.' }),
  outcome: optionalText('the outcome note', TEXT_MAX),
});
export type ChangeStatusInput = z.input<typeof ChangeStatusSchema>;

export const FollowUpSchema = z.object({
  referralId: uuidOf(REFERRAL_NOT_FOUND),
  followUpOn: dayOf('Enter the follow-up date, like 2026-11-28.'),
});

export const ReferralIdSchema = z.object({ referralId: uuidOf(REFERRAL_NOT_FOUND) });

const HIDDEN_FIELDS = ['idempotencyKey', 'referralId', 'id'];

/** The data layer validates too: a refusal is shown beside its field (hidden inputs answer for the whole form). */
export const parseOrRefuse = <S extends z.ZodType>(schema: S, input: unknown): z.output<S> => refuse(schema, input, HIDDEN_FIELDS);
