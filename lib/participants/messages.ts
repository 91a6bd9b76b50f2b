// The words for a person record a feature cannot take, said the same everywhere: a form's
// participant field (each feature's schema) and lock.ts's refusals. A de-identified record is not
// here: each feature says what to do instead (book anonymously, refer anonymously…).
// No server-only: the forms' schemas read these too.

export const PARTICIPANT_NOT_FOUND = 'That participant was not found. Search again.';
export const PARTICIPANT_MERGED = 'This record was merged into another one. Search for the person again.';
