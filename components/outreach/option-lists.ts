import type { OutreachList } from '@/lib/outreach/schema.ts';

// Words for the outreach lists, shared by the settings page (a server component) and its forms (client
// components): a plain module, since a value exported from a 'use client' file is only a reference on the server.

/** Each list's heading, what it is for, and what one entry is called. */
export const OPTION_LIST_TEXT: Record<OutreachList, { title: string; hint: string; one: string; example: string }> = {
  zone: { title: 'Street zones', hint: 'Coarse areas a street shift covers. Never an address or a spot.', one: 'zone', example: 'For example “Downtown”.' },
  platform: {
    title: 'Online platforms',
    hint: 'Where online outreach happens. Ads change their words often: keep this list current.',
    one: 'platform',
    example: 'For example “Dating apps”.',
  },
  contact_kind: { title: 'What happened at a contact', hint: 'The choices ticked when a contact is saved.', one: 'choice', example: 'For example “Talk”.' },
};
