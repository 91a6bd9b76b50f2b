'use client';

import { useActionState, useState } from 'react';
import { updateVisitAction } from '@/app/(staff)/visits/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';
import type { ServiceOption } from '@/lib/services/schema.ts';
import { toggle } from './quick-log-state.ts';
import { ServiceToggles } from './service-toggles.tsx';
import './visits.css';

type Props = { visitId: string; services: ServiceOption[]; lines: { serviceTypeId: string; quantity: number }[] };

/** Change a visit's services and quantities. The server decides who may, and says so plainly. */
export function VisitEditForm({ visitId, services, lines }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(updateVisitAction, null);
  const [ticked, setTicked] = useState<Record<string, string>>(() => Object.fromEntries(lines.map((l) => [l.serviceTypeId, String(l.quantity)])));
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const formError = state && !state.ok ? state.formError : undefined;
  return (
    <section className="card" aria-labelledby="edit-visit-heading">
      <h2 id="edit-visit-heading">Change services</h2>
      <form action={action} noValidate>
        <FormStatus state={formError ? { ok: false, formError } : state?.ok ? state : null} />
        <input type="hidden" name="visitId" value={visitId} />
        <ServiceToggles
          id="edit-visit-services"
          services={services}
          ticked={ticked}
          errors={errors}
          onToggle={(id) => setTicked((t) => toggle(t, id))}
          onQuantity={(id, value) => setTicked((t) => ({ ...t, [id]: value }))}
        />
        <button className="button" type="submit" disabled={pending}>
          Save changes
        </button>
      </form>
    </section>
  );
}
