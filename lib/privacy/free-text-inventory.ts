// Every text column in the database (text, varchar, jsonb, text[]), each with its decision, in one
// place. free-text-inventory.db.test.ts reads the live schema (information_schema) and fails when a
// column is missing here, so a new one cannot arrive without a decision.
//
// The decisions:
// - `encrypted`: AES-256-GCM (lib/crypto/fields.ts), bound to `<table>:<row id>:<name>` for a column
//   `<name>_enc`. Bytea, listed so de-identification can find it.
// - `clear`: about a person and kept readable because the desk searches or shows it at a glance
//   (the alias); erased when the person is de-identified.
// - `choices`: former free text replaced by a fixed list (an enum column).
// - `no personal information`: free text about the program, never about a person (the reason says why).
// - `not free text`: codes, keys, hashes, tokens the app makes itself.
//
// `person` names the column of the same row that holds the participant's id: retention erases the
// column (sets it to null) for every de-identified person (lib/privacy/erase.ts).

export type Decision = 'encrypted' | 'clear' | 'choices' | 'no personal information' | 'not free text';

export type InventoryEntry = {
  table: string;
  column: string;
  decision: Decision;
  why: string;
  /** The participant id on the same row; set for every column retention must erase. */
  person?: string;
};

const E = (table: string, column: string, why: string, person?: string): InventoryEntry => ({ table, column, decision: 'encrypted', why, person });
const C = (table: string, column: string, why: string): InventoryEntry => ({ table, column, decision: 'clear', why, person: 'id' });
const N = (table: string, column: string, why: string): InventoryEntry => ({ table, column, decision: 'no personal information', why });
const X = (table: string, column: string, why: string): InventoryEntry => ({ table, column, decision: 'not free text', why });

export const FREE_TEXT_INVENTORY: readonly InventoryEntry[] = [
  // Participants: the few words a record keeps. Legal names, addresses and the like do not exist.
  X('participant', 'code', 'generated code (K7Q-4M2); kept after de-identification so statistics hold'),
  C('participant', 'alias', 'the name the desk searches by (trigram index); erased at de-identification'),
  C('participant', 'gender_self_described', 'the person’s own words; erased at de-identification, the category stays'),
  C('participant', 'pronouns', 'shown at the desk; erased at de-identification'),
  C('participant', 'language', 'shown at the desk; erased at de-identification'),
  C('participant', 'home_community', 'shown at the desk; erased at de-identification'),
  E('participant', 'safe_contact_enc', 'how to reach the person safely', 'id'),
  E(
    'participant',
    'notes_enc',
    'the old single Notes field: moved into participant_note by `npm start` (lib/privacy/move-old-notes.ts), null afterwards',
    'id',
  ),
  E(
    'participant_note',
    'text_enc',
    'a dated note about the person (note, crisis, safety plan…); the entry’s kind, time and author stay after de-identification',
    'participant_id',
  ),

  // Visits, referrals, stays, alerts, outreach: words written about a person.
  E('visit', 'void_reason_enc', 'why a visit was voided ("logged for the wrong person — Robin") can name someone', 'participant_id'),
  { table: 'referral', column: 'reason_category', decision: 'choices', why: 'what the referral is for, from a fixed list (lib/referrals/rules.ts REASONS)' },
  E('referral', 'reason_detail_enc', 'optional words beyond the reason’s category ("court date coming up")', 'participant_id'),
  E('referral', 'summary_enc', 'what the person agreed may be shared with the agency', 'participant_id'),
  E('referral', 'outcome_enc', 'how the referral turned out for the person', 'participant_id'),
  E('stay_log_entry', 'text_enc', 'welfare checks and handover notes about the guest', 'participant_id'),
  E(
    'alert_report',
    'details_enc',
    'the bad date report; it stays as an anonymous report when the reporter is de-identified (the link is cut, lib/alerts/retention.ts), because the alert protects others',
  ),
  X('alert_report', 'private_fields', 'names of the report’s fields staff keep off the alert'),
  X('alert_report', 'public_tokens', 'keyed blind-index tokens (HMAC), not text'),
  X('alert_report', 'all_tokens', 'keyed blind-index tokens (HMAC), not text'),
  X('alert_report', 'key_tokens', 'keyed blind-index tokens (HMAC), not text'),
  N(
    'outreach_shift',
    'void_reason',
    'why a shift was voided ("started twice"): a shift is the staff’s own record, with no person on it; the form says not to name anyone',
  ),
  E('outreach_contact', 'void_reason_enc', 'why a contact was voided ("logged the wrong person") can name someone', 'participant_id'),

  // Programs: staff-written, about the program and its sessions.
  N('program', 'name', 'the program’s name, written by staff'),
  N('program', 'description', 'what the program is, written by staff'),
  N('program', 'partner', 'the outside partner (“the health authority’s nurse”), not a participant'),
  N(
    'program_session',
    'cancel_reason',
    'why a group session was cancelled (“nurse away”): about the session, which is a group event with no one person behind it',
  ),
  N('program_session', 'topics', 'what a session covered (“naloxone refresher”)'),
  N('program_closed_day', 'reason', 'a holiday’s name (“Canada Day”)'),

  // The program's own lists and settings.
  X('service_type', 'key', 'built-in code other features refer to'),
  N('service_type', 'name', 'a service or supply the program offers'),
  N('service_type', 'unit', 'what one supply counts (kit, pack)'),
  N('resource', 'name', 'a shower stall or laundry pair'),
  N('resource_closure', 'reason', 'why a resource is closed (“plumber”, a holiday)'),
  N('suite_unit', 'name', 'the Safe Suite unit’s name; never an address'),
  N('board_link', 'label', 'where the queue board hangs (“front window”)'),
  X('board_link', 'token_hash', 'SHA-256 of the board link’s token'),
  X('outreach_option', 'key', 'built-in code the reports refer to'),
  X('note_kind', 'key', 'built-in code of a kind of note (note, crisis, safety_plan)'),
  N('note_kind', 'name', 'a kind of note the program names (“Crisis”), never about a person'),
  N('outreach_option', 'name', 'a street zone, online platform or contact kind the program names'),
  N('agency', 'name', 'public directory of agencies'),
  N('agency', 'phone', 'the agency’s public number'),
  N('agency', 'hours', 'the agency’s public hours'),
  N('agency', 'offers', 'what the agency offers'),
  N('agency', 'staff_notes', 'tips for staff about the agency (“ask for the outreach nurse”), never about a person'),
  X('setting', 'key', 'setting name'),
  N('setting', 'value', 'program settings, validated by lib/settings'),

  // Staff accounts and sign-in: about staff, not participants.
  N('staff_user', 'email', 'a staff account’s sign-in, not a participant'),
  N('staff_user', 'display_name', 'a staff member’s name as shown to colleagues, not a participant'),
  X('staff_user', 'password_hash', 'argon2id hash'),
  X('staff_notice', 'action', 'code of a change to a staff account'),
  X('staff_recovery_code', 'code_hash', 'argon2id hash'),
  X('remembered_browser', 'token_hash', 'SHA-256 of a cookie token'),
  X('login_attempt', 'account_key', 'HMAC of an email'),
  X('login_attempt', 'ip_key', 'HMAC of an address'),

  // The audit log: codes and ids only (lib/audit/record.ts); the full-dump test plants words and checks.
  X('audit_event', 'action', 'event code'),
  X('audit_event', 'outcome', 'outcome code'),
  X('audit_event', 'entity_type', 'record type code'),
  X('audit_event', 'entity_id', 'record id'),
  X('audit_event', 'details', 'ids, codes and counts only, never values'),
  X('audit_verification', 'problem', 'code of what broke the chain (check constraint)'),
  X('audit_verification', 'via', 'code: command or page (check constraint)'),

  // Text written in clear before it was encrypted, waiting for the app's key (lib/privacy/seal.ts).
  X('free_text_to_seal', 'table_name', 'a table name'),
  X('free_text_to_seal', 'column_name', 'a column name'),
  {
    table: 'free_text_to_seal',
    column: 'text',
    decision: 'clear',
    why: 'in clear only until sealed with the app’s key into the row’s encrypted column, then deleted; deleted for de-identified people too (lib/privacy/erase.ts)',
  },
];

/** Tables Lantern does not own: Prisma's migration bookkeeping. */
export const OUTSIDE_INVENTORY = new Set(['_prisma_migrations']);

/** Columns retention erases for a de-identified person, with the column holding their id. */
export function personLinkedColumns(): { table: string; column: string; person: string }[] {
  return FREE_TEXT_INVENTORY.flatMap((e) => (e.person ? [{ table: e.table, column: e.column, person: e.person }] : []));
}
