// The SECURITY DEFINER functions the app's runtime role may EXECUTE: exactly those the app's code
// calls. Every definer function has EXECUTE revoked from PUBLIC (migration
// 20261208030000_definer_privileges); prepareRuntimeRole grants these back to the runtime role.
// The others (the chain's batch check and look-ups, the trigger) are for the owner: the operator's
// `npm run audit:verify`, backups and the functions themselves. Signatures as PostgreSQL prints
// them (regprocedure), so a grant names one function exactly.
export const RUNTIME_FUNCTIONS: readonly string[] = [
  // Verify now on the audit page: computes the verification and records it (lib/audit/verification.ts).
  'audit_verify_and_record(text,integer)',
  // The audit page's "last verified" line.
  'audit_verification_latest()',
  // De-identification forgets a de-identified person's words waiting to be sealed (lib/privacy/erase.ts).
  'forget_unsealed_text(uuid[])',
];
