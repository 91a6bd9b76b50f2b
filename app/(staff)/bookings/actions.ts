'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { AppError } from '@/lib/errors.ts';
import { bookNextFree, bookSlot, type BookingResult } from '@/lib/bookings/book.ts';
import { moveBooking } from '@/lib/bookings/move.ts';
import { changeBooking } from '@/lib/bookings/transitions.ts';
import { addToWaitlist, bookFromWaitlist, removeFromWaitlist } from '@/lib/bookings/waitlist.ts';
import { KIND_LABEL, STATUS_LABEL, type Transition } from '@/lib/bookings/rules.ts';
import { RawFormSchema } from '@/lib/bookings/schema.ts';

// The desk's booking actions. Each is a public POST endpoint: defineAction checks the session and
// the permission, and the data layer checks again and judges every value. Search text travels in
// the POST body only, never in a URL, and is neither logged nor audited.

/** Everything that shows bookings: the grid, the Today page, the profile timeline. */
function refresh() {
  revalidatePath('/bookings');
  revalidatePath('/');
  revalidatePath('/participants/[id]', 'page');
}

const booked = (r: BookingResult) =>
  `${r.duplicate ? 'Already booked' : 'Booked'} ${r.ticket}: ${r.resourceName} at ${r.time}, ${r.place.toLowerCase()}.`;

/** The booking panel: a chosen slot, the next free place of a kind, or the waitlist — by the button pressed. */
export const deskBookAction = defineAction({
  permission: 'booking:manage',
  // A slot or the next free place carries a key (Save again returns the first booking); the waitlist does not.
  idempotent: (raw) => typeof raw.mode === 'string' && ['slot', 'next'].includes(raw.mode.split(':')[0]!),
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const mode = typeof raw.mode === 'string' ? raw.mode : '';
    const [verb, kind] = mode.split(':');
    if (verb === 'slot') {
      const r = await bookSlot(actor, raw);
      refresh();
      return { message: booked(r), data: { ticket: r.ticket } };
    }
    if (verb === 'next') {
      const r = await bookNextFree(actor, { ...raw, kind });
      refresh();
      return { message: booked(r), data: { ticket: r.ticket } };
    }
    if (verb === 'wait') {
      const r = await addToWaitlist(actor, { ...raw, kind });
      refresh();
      return { message: `On the ${KIND_LABEL[kind as 'shower']} waitlist: ticket ${r.ticket}, number ${r.position}.`, data: { ticket: r.ticket } };
    }
    throw new AppError('invalid', 'Choose what to book.');
  },
});

export const changeBookingAction = defineAction({
  permission: 'booking:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    const { status } = await changeBooking(actor, raw);
    refresh();
    const undone = (raw.transition as Transition) === 'reinstate';
    if (undone) return { message: 'Reinstated: the place is booked again.' };
    // Done frees the place: say so, since the booking then leaves its seat in the grid.
    return { message: status === 'done' ? 'Done: the place is free for the next person.' : `${STATUS_LABEL[status]}.` };
  },
});

export const moveBookingAction = defineAction({
  permission: 'booking:manage',
  schema: RawFormSchema,
  run: async (actor, raw) => {
    // The move form sends one choice, "<resource id>@<slot start>".
    const [resourceId, slotStart] = typeof raw.target === 'string' ? raw.target.split('@') : [];
    if (!resourceId || !slotStart) throw new AppError('invalid', 'Choose where to move the booking.', 'target');
    const r = await moveBooking(actor, { bookingId: raw.bookingId, resourceId, slotStart });
    refresh();
    return { message: `Moved to ${r.resourceName} at ${r.time}.` };
  },
});

export const waitlistAction = defineAction({
  permission: 'booking:manage',
  idempotent: (raw) => raw.op !== 'remove', // booking from the waitlist carries a key; taking off does not
  schema: RawFormSchema,
  run: async (actor, raw) => {
    if (raw.op === 'remove') {
      await removeFromWaitlist(actor, raw);
      refresh();
      return { message: 'Taken off the waitlist.' };
    }
    const r = await bookFromWaitlist(actor, raw);
    refresh();
    return { message: booked(r) };
  },
});
