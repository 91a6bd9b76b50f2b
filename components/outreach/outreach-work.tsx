'use client';

import { ShiftPanel } from './shift-panel.tsx';
import { ContactForm } from './contact-form.tsx';
import { useOutbox } from './queue/outbox.tsx';
import { effectiveShift, type ShiftView } from './queue/rules.ts';

type Option = { id: string; name: string };
type Props = {
  shift: ShiftView | null; me: string; zones: Option[]; platforms: Option[]; kinds: Option[];
  supplies: (Option & { unit: string | null })[]; seen: { id: string; alias: string; code: string }[];
};

/** The shift and the contact form, as the phone knows them: the server's shift with what still waits in the queue. */
export function OutreachWork({ shift, me, zones, platforms, kinds, supplies, seen }: Props) {
  const { entries } = useOutbox();
  const current = effectiveShift(shift, entries, me);
  return (
    <>
      <ShiftPanel shift={current} zones={zones} platforms={platforms} />
      {current && <ContactForm key={current.id} shiftId={current.id} kinds={kinds} supplies={supplies} seen={seen} />}
    </>
  );
}
