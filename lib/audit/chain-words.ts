// What each way the audit chain can break means, in words for the audit page and `npm run audit:verify`.

export type ChainProblem =
  /** The entry's audit event is gone. */
  | 'event_missing'
  /** The entry does not follow the one before it: an entry was removed, moved or added. */
  | 'out_of_order'
  /** The event's row is not what was hashed. */
  | 'changed'
  /** An audit event has no chain entry (written with the chain's trigger bypassed). */
  | 'unchained'
  /** The head a previous verification recorded is no longer in the chain (the newest entries were removed). */
  | 'head_lost';

export const CHAIN_PROBLEM_TEXT: Record<ChainProblem, string> = {
  event_missing: 'its audit event has been removed',
  out_of_order: 'it does not follow the entry before it (an entry was removed, moved or added)',
  changed: 'the audit event was changed after it was written',
  unchained: 'the audit event has no chain entry (written around the chain)',
  head_lost: 'the newest entry seen by the last verification is gone (entries were removed from the end)',
};
