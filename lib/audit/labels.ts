// Plain words for the audit log's codes (`visit.logged` → "Visit logged"), for the audit page and
// its filters. The codes stay what is stored and filtered on; these are only how they read.

/** What each kind of record is called on screen. */
export const ENTITY_LABELS: Record<string, string> = {
  agency: 'Agency',
  alert: 'Bad date report',
  alert_report: 'Bad date report',
  attendance: 'Attendance',
  audit: 'Audit log',
  auth_session: 'Sign-in session',
  board_link: 'Queue board link',
  booking: 'Booking',
  note_kind: 'Kind of note',
  outreach_contact: 'Outreach contact',
  outreach_option: 'Outreach list entry',
  outreach_shift: 'Outreach shift',
  participant: 'Participant',
  program: 'Program',
  program_closed_day: 'Program closed day',
  program_session: 'Program session',
  referral: 'Referral',
  report: 'Report',
  resource: 'Shower or laundry',
  resource_closure: 'Closure',
  retention: 'Retention',
  service_type: 'Service or supply',
  setting: 'Setting',
  staff_user: 'Staff account',
  stay: 'Safe Suite stay',
  suite_unit: 'Safe Suite unit',
  visit: 'Visit',
  waitlist_entry: 'Waitlist place',
};

/** Codes whose words do not follow from "record, what happened to it". */
const ACTION_LABELS: Record<string, string> = {
  'access.refused': 'Refused: not allowed for this role',
  'audit.chain_verified': 'Audit log chain verified',
  'auth.signed_in': 'Signed in',
  'auth.sign_in_failed': 'Sign-in failed',
  'auth.sign_in_throttled': 'Sign-in held back (too many tries)',
  'auth.password_check_throttled': 'Password check held back (too many tries)',
  'auth.signed_out': 'Signed out',
  'auth.second_factor_given': 'Two-step code given',
  'auth.browser_remembered': 'Browser remembered for two-step sign-in',
  'auth.second_factor_failed': 'Two-step code wrong',
  'auth.second_factor_throttled': 'Two-step code held back (too many tries)',
  'staff_user.second_factor_enrolled': 'Two-step sign-in set up',
  'staff_user.recovery_codes_replaced': 'New recovery codes made',
  'auth.signed_out_everywhere': 'Signed out everywhere',
  'session.locked': 'Screen hidden',
  'session.unlocked': 'Screen unlocked',
  'session.unlock_failed': 'Unlock failed (wrong password)',
  'participant.sensitive_viewed': 'Viewed notes and safe contact',
  'participant.note_added': 'Note added (dated entry)',
  'participant.access_request_viewed': 'Viewed an access request',
  'participant.access_request_exported': 'Downloaded an access request',
  'referral.text_viewed': 'Viewed referral notes',
  'referral.follow_up_set': 'Referral follow-up set',
  'stay.log_viewed': 'Viewed a Safe Suite log',
  'alert.viewed': 'Viewed a bad date report',
  'alert.searched': 'Searched bad date reports',
  'alert.private_fields_changed': 'Bad date report private details changed',
  'booking.no_show': 'Booking marked “did not come”',
  'report.exported': 'Report downloaded',
  'retention.ran': 'Retention ran (old records de-identified)',
  'setting.updated': 'Setting changed',
  'staff_user.password_check_failed': 'Current password wrong',
  'staff_user.change_refused': 'Staff account change refused',
  'staff_user.second_factor_reset': 'Two-step sign-in reset',
  'waitlist_entry.offered': 'Waitlist place offered',
  // Undo of a destructive action, within lib/undo-window.ts's window.
  'stay.reinstated': 'Safe Suite stay reinstated (cancellation undone)',
  'visit.unvoided': 'Visit restored (void undone)',
  'referral.reopened': 'Referral reopened (its end undone)',
  'outreach_shift.resumed': 'Outreach shift resumed (its end undone)',
};

const words = (code: string) => code.replaceAll('_', ' ');
const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/** The record type in plain words. */
export function entityLabel(type: string): string {
  return ENTITY_LABELS[type] ?? capitalised(words(type));
}

/** An audit code in plain words: "Signed in", "Visit logged", "Outreach shift started". */
export function actionLabel(action: string): string {
  const exact = ACTION_LABELS[action];
  if (exact) return exact;
  const dot = action.indexOf('.');
  if (dot < 0) return capitalised(words(action));
  return `${entityLabel(action.slice(0, dot))} ${words(action.slice(dot + 1))}`;
}
