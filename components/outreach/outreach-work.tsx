'use client';

import { ShiftPanel } from './shift-panel.tsx';
import { ContactForm } from './contact-form.tsx';
import { useOutbox } from './queue/outbox.tsx';
import { effectiveShift, type ShiftView } from './queue/rules.ts';

type Option = { id: string; name: string };
type Props = {
  shift: ShiftView | null;
  me: string;
  zones: Option[];
  platforms: Option[];
  kinds: Option[];
  supplies: (Option & { unit: string | null })[];
  seen: { id: string; alias: string; code: string }[];
  /** This person's shift ended moments ago on the server, while it can be resumed ("14:45": until when). */
  resumable?: { id: string; until: string } | null;
};

/** The shift and the contact form, as the phone knows them: the server's shift with what still waits in the queue. */
export function OutreachWork({ shift, me, zones, platforms, kinds, supplies, seen, resumable = null }: Props) {
  const { entries } = useOutbox();
  const current = effectiveShift(shift, entries, me);
  // An end still waiting on this phone is undone by taking it back out of the queue (works offline).
  const endWaiting = current ? undefined : entries.find((e) => e.state === 'waiting' && e.type === 'shift.end' && e.meta.shiftId === shift?.id);
  return (
    <>
      <ShiftPanel shift={current} zones={zones} platforms={platforms} endWaiting={endWaiting} resumable={resumable} />
      {current && <ContactForm key={current.id} shiftId={current.id} kinds={kinds} supplies={supplies} seen={seen} />}
    </>
  );
}
