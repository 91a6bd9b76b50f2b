// Shared by the alerts data-layer tests (not a test file itself).
import type { Actor } from '@/lib/auth/session.ts';
import { createReport } from './create.ts';
import { transitionReport } from './transitions.ts';
import { localDay, programNow } from '@/lib/calendar/index.ts';

export const yesterday = () => localDay(new Date(programNow().getTime() - 86_400_000));

/** A street report with a vehicle, as the form posts it; override any field. */
export function streetReport(reporter: string | null, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    incidentDate: yesterday(),
    timeOfDay: 'night',
    mode: 'street',
    types: ['robbery_theft', 'threats_harassment'],
    area: 'Near the river path',
    vehicleMake: 'Ford',
    vehicleModel: 'pickup',
    vehicleColour: 'grey',
    plate: 'AB K7 21',
    appearance: 'Tall, grey beard, cap',
    nameUsed: 'Dave',
    account: 'He drove me out of town and took my bag',
    reporter: reporter ?? 'anonymous',
    wantsFollowUp: 'on',
    ...over,
  };
}

export function onlineReport(reporter: string | null, over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    incidentDate: yesterday(),
    timeOfDay: 'evening',
    mode: 'online_phone',
    types: ['refused_to_pay'],
    area: 'Downtown hotel',
    platform: 'A dating site',
    handle: '@Night_Owl',
    phone: '(250) 555 0199',
    appearance: 'Short, glasses',
    account: 'Booked through the site then refused to pay',
    reporter: reporter ?? 'anonymous',
    ...over,
  };
}

/** Takes a report and walks it to published. */
export async function published(reviewer: Actor, input: Record<string, unknown>): Promise<string> {
  const { id } = await createReport(reviewer, input);
  await transitionReport(reviewer, { id, action: 'review' });
  await transitionReport(reviewer, { id, action: 'publish' });
  return id;
}
