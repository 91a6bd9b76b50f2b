import type { Kind } from './slots.ts';

// Pure rules for bookings: ticket labels, which status change is allowed from where, and the
// words the desk reads when one is refused. The mutations lock the row, then ask here.

export type BookingStatus = 'booked' | 'checked_in' | 'done' | 'cancelled' | 'no_show';
export type Transition = 'check_in' | 'done' | 'cancel' | 'no_show' | 'reinstate';

/** Statuses that hold a place (a seat in a slot). */
export const HOLDING: readonly BookingStatus[] = ['booked', 'checked_in'];

export type WaitlistStatus = 'waiting' | 'offered' | 'booked' | 'removed';
/** Waitlist entries still open: waiting, or offered a freed place (place_booking books only these). */
export const WAITLIST_OPEN: readonly WaitlistStatus[] = ['waiting', 'offered'];
export const waitlistOpen = (status: WaitlistStatus): boolean => WAITLIST_OPEN.includes(status);

export const KIND_LABEL: Record<Kind, string> = { shower: 'shower', laundry: 'laundry' };
export const KIND_TITLE: Record<Kind, string> = { shower: 'Shower', laundry: 'Laundry' };
/** What one seat is called on the grid. */
export const SEAT_LABEL: Record<Kind, string> = { shower: 'Stall', laundry: 'Pair' };

export const STATUS_LABEL: Record<BookingStatus, string> = {
  booked: 'Booked',
  checked_in: 'Checked in',
  done: 'Done',
  cancelled: 'Cancelled',
  no_show: 'Did not come',
};

/** "S-14", "L-03": short enough to call out across a room and to read on the board. */
export function ticketLabel(kind: Kind, ticket: number): string {
  return `${kind === 'shower' ? 'S' : 'L'}-${String(ticket).padStart(2, '0')}`;
}

const FROM: Record<Transition, readonly BookingStatus[]> = {
  check_in: ['booked'],
  done: ['checked_in'],
  cancel: ['booked'],
  no_show: ['booked'],
  reinstate: ['cancelled', 'no_show'],
};

const REFUSED: Record<Transition, Partial<Record<BookingStatus, string>>> = {
  check_in: {
    checked_in: 'This booking is already checked in.',
    done: 'This booking is already done.',
    cancelled: 'This booking was cancelled. Reinstate it first, or make a new booking.',
    no_show: 'This booking was marked as missed. Reinstate it first, or make a new booking.',
  },
  done: { booked: 'Check the person in first.', done: 'This booking is already done.' },
  cancel: { checked_in: 'The person is already checked in. Mark it done instead.', done: 'This booking is already done.' },
  no_show: { checked_in: 'The person is already checked in.', done: 'This booking is already done.' },
  reinstate: { booked: 'This booking is already active.', checked_in: 'This booking is already active.', done: 'This booking is already done.' },
};

/** Why this status change is refused from this status, or null when it is allowed. */
export function transitionProblem(transition: Transition, status: BookingStatus): string | null {
  if (FROM[transition].includes(status)) return null;
  return REFUSED[transition][status] ?? 'That change is not possible for this booking.';
}

/** Why a booking in this status cannot be moved, or null: only a booked place moves. */
export function moveProblem(status: BookingStatus): string | null {
  if (status === 'booked') return null;
  if (status === 'checked_in') return 'The person is already checked in, so the booking stays where it is.';
  if (status === 'done') return 'This booking is already done.';
  return 'Reinstate the booking first.';
}

/** How early before its slot a person may be checked in. */
export const EARLY_CHECK_IN_MINUTES = 30;

/** Timing rules for a change on a slot, or null when the time is right. */
export function timingProblem(transition: Transition, slot: { start: Date; end: Date }, now: Date): string | null {
  const t = now.getTime();
  if (transition === 'check_in' && t < slot.start.getTime() - EARLY_CHECK_IN_MINUTES * 60_000) {
    return `Check-in opens ${EARLY_CHECK_IN_MINUTES} minutes before the slot.`;
  }
  if ((transition === 'check_in' || transition === 'reinstate') && t >= slot.end.getTime()) {
    return 'That slot is over. Make a new booking instead.';
  }
  if (transition === 'no_show' && t < slot.start.getTime()) return 'The slot has not started yet. Cancel the booking instead.';
  return null;
}

/** When an unclaimed booking is released: the grace period after the slot starts, or after it was (re)booked if that was later. */
export function noShowDeadline(slotStart: Date, bookedAt: Date, graceMinutes: number): Date {
  return new Date(Math.max(slotStart.getTime(), bookedAt.getTime()) + graceMinutes * 60_000);
}

/** "That place was just taken — next free is 10:30 (Shower 2)." or, when the day is full, where to go next. */
export function takenMessage(kind: Kind, next: { time: string; resourceName: string } | null, dayWord: 'today' | 'that day'): string {
  if (!next) return `That place was just taken, and no other ${KIND_LABEL[kind]} is free ${dayWord}. Add the person to the waitlist.`;
  return `That place was just taken — next free is ${next.time} (${next.resourceName}).`;
}

/**
 * For "Next free": nothing free at all. Someone booked from the waitlist is already on it (`ticket`):
 * they keep their place rather than being sent to join it again.
 */
export function noneFreeMessage(kind: Kind, dayWord: 'today' | 'that day' = 'today', waitingTicket?: string): string {
  if (waitingTicket) return `No ${KIND_LABEL[kind]} is free ${dayWord} yet. ${waitingTicket} keeps its place on the waitlist.`;
  return `No ${KIND_LABEL[kind]} is free ${dayWord}. Add the person to the waitlist.`;
}

export const LIMIT_MESSAGE = (kind: Kind, limit: number) =>
  limit === 1
    ? `This person already has a ${KIND_LABEL[kind]} booked that day. One per day.`
    : `This person already has ${limit} ${KIND_LABEL[kind]} bookings that day, the most allowed.`;
