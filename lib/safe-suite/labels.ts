// Stay statuses and their words: plain data, safe for client components (rules.ts needs the
// program's calendar, which stays on the server).

export const STAY_STATUSES = ['requested', 'confirmed', 'checked_in', 'checked_out', 'cancelled', 'declined', 'no_show'] as const;
export type StayStatus = (typeof STAY_STATUSES)[number];
export const STAY_TRANSITIONS = ['confirm', 'decline', 'cancel', 'check_in', 'check_out', 'no_show'] as const;
export type StayTransition = (typeof STAY_TRANSITIONS)[number];

export const STATUS_LABEL: Record<StayStatus, string> = {
  requested: 'Waiting',
  confirmed: 'Confirmed',
  checked_in: 'In the suite',
  checked_out: 'Checked out',
  cancelled: 'Cancelled',
  declined: 'Declined',
  no_show: 'Did not arrive',
};

export const TRANSITION_LABEL: Record<StayTransition, string> = {
  confirm: 'Confirm',
  decline: 'Decline',
  cancel: 'Cancel stay',
  check_in: 'Check in',
  check_out: 'Check out',
  no_show: 'Did not arrive',
};
