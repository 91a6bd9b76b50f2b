'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/session.ts';
import { bookNextFree, bookSlot, type BookingResult } from '@/lib/bookings/book.ts';
import { moveBooking } from '@/lib/bookings/move.ts';
import { changeBooking } from '@/lib/bookings/transitions.ts';
import { addToWaitlist, bookFromWaitlist, removeFromWaitlist } from '@/lib/bookings/waitlist.ts';
import { KIND_LABEL, STATUS_LABEL } from '@/lib/bookings/rules.ts';
import { DeskBookSchema, deskBookKeyed, MoveFormSchema, TransitionSchema, WaitlistFormSchema } from '@/lib/bookings/schema.ts';

// The desk's booking actions. Each is a public POST endpoint: defineAction checks the session and
// the permission, and the data layer checks again and judges every value. Search text travels in
// the POST body only, never in a URL, and is neither logged nor audited.

/** Everything that shows bookings: the grid, the Today page, the profile timeline. */
function refresh() {
  revalidatePath('/bookings');
  revalidatePath('/');
  revalidatePath('/participants/[id]', 'page');
}

const booked = (r: BookingResult) => `${r.duplicate ? 'Already booked' : 'Booked'} ${r.ticket}: ${r.resourceName} at ${r.time}, ${r.place.toLowerCase()}.`;

/**
 * The desk's booking forms, by the button pressed (DeskBookSchema decodes `mode`): a slot chosen
 * on the grid, the next free place of a kind, or the day's waitlist. One schema for the three,
 * since they share the person picker and the answer; the forms differ only in what they carry.
 */
const deskBook = {
  permission: 'booking:manage',
  idempotent: deskBookKeyed,
  schema: DeskBookSchema,
  run: async (actor: Actor, input: z.output<typeof DeskBookSchema>) => {
    if (input.mode[0] === 'slot') {
      const r = await bookSlot(actor, input);
      refresh();
      return { message: booked(r), data: { ticket: r.ticket } };
    }
    const kind = input.mode[1];
    if (input.mode[0] === 'next') {
      const r = await bookNextFree(actor, { ...input, kind });
      refresh();
      return { message: booked(r), data: { ticket: r.ticket } };
    }
    const r = await addToWaitlist(actor, { ...input, kind });
    refresh();
    return { message: `On the ${KIND_LABEL[kind]} waitlist: ticket ${r.ticket}, number ${r.position}.`, data: { ticket: r.ticket } };
  },
} as const;

/** The booking panel and the grid's slot form: the person is chosen in the picker, so a refusal about them is said beside it. */
export const deskBookAction = defineAction({ ...deskBook, hidden: ['mode', 'day', 'resourceId', 'slotStart'] });

/** "Next free shower" on a person's own page: a row of buttons, so every refusal is the form's. */
export const personBookAction = defineAction({ ...deskBook, hidden: true });

/** A booking card's status buttons. */
export const changeBookingAction = defineAction({
  permission: 'booking:manage',
  schema: TransitionSchema,
  hidden: true,
  run: async (actor, input) => {
    const { status } = await changeBooking(actor, input);
    refresh();
    if (input.transition === 'reinstate') return { message: 'Reinstated: the place is booked again.' };
    // Done frees the place: say so, since the booking then leaves its seat in the grid.
    return { message: status === 'done' ? 'Done: the place is free for the next person.' : `${STATUS_LABEL[status]}.` };
  },
});

/** The card's Move form and a closure's one-press move: the answer sits beside the choice, under the card. */
export const moveBookingAction = defineAction({
  permission: 'booking:manage',
  schema: MoveFormSchema,
  hidden: true,
  run: async (actor, input) => {
    const r = await moveBooking(actor, input);
    refresh();
    return { message: `Moved to ${r.resourceName} at ${r.time}.` };
  },
});

export const waitlistAction = defineAction({
  permission: 'booking:manage',
  idempotent: (raw) => raw.op !== 'remove', // booking from the waitlist carries a key; taking off does not
  schema: WaitlistFormSchema,
  hidden: true,
  run: async (actor, input) => {
    if (input.op === 'remove') {
      await removeFromWaitlist(actor, input);
      refresh();
      return { message: 'Taken off the waitlist.' };
    }
    const r = await bookFromWaitlist(actor, input);
    refresh();
    return { message: booked(r) };
  },
});
