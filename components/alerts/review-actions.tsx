'use client';

import { useActionState, useState } from 'react';
import { privateFieldsAction, transitionReportAction } from '@/app/(staff)/alerts/actions.ts';
import type { ActionState } from '@/lib/action.ts';
import { FIELD_LABELS, type PublicField } from '@/lib/alerts/labels.ts';
import type { ReportAction } from '@/lib/alerts/rules.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import { Choices } from './report-fields.tsx';
import { submitKeepingValues } from './keep-values.ts';

const BUTTON: Record<ReportAction, string> = {
  review: 'Mark as reviewed',
  publish: 'Publish this alert',
  archive: 'Archive (take off the sheet)',
  withdraw: 'Withdraw report',
};

/** The status buttons a report offers now; each posts its own action, and the answer shows here. */
export function ReviewActions({ id, actions, publishProblem }: { id: string; actions: ReportAction[]; publishProblem: string | null }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(transitionReportAction, null);
  if (actions.length === 0) return <p className="muted">This report is closed.</p>;
  return (
    <form action={action} className="row">
      <input type="hidden" name="id" value={id} />
      {actions.map((a) => (
        <button
          key={a}
          className={`button${a === 'withdraw' || a === 'archive' ? ' secondary' : ''}`}
          type="submit"
          name="action"
          value={a}
          disabled={pending}
          aria-describedby={a === 'publish' && publishProblem ? 'publish-problem' : undefined}
        >
          {BUTTON[a]}
        </button>
      ))}
      {actions.includes('publish') && publishProblem && (
        <p id="publish-problem" className="muted">
          {publishProblem}
        </p>
      )}
      <FormStatus state={state} />
    </form>
  );
}

/** Which fields stay off the alert; the preview beside it follows after saving. */
export function PrivateFieldsForm({ id, fields, initial }: { id: string; fields: PublicField[]; initial: string[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(privateFieldsAction, null);
  const [chosen, setChosen] = useState(new Set(initial as PublicField[]));
  const error = state && !state.ok ? state.fieldErrors?.private : undefined;
  return (
    <form onSubmit={submitKeepingValues(action)}>
      <input type="hidden" name="id" value={id} />
      <Choices
        legend="Keep off the alert"
        spokenPrefix="Keep off the alert:"
        name="private"
        options={fields}
        labels={FIELD_LABELS}
        chosen={chosen}
        error={error}
        onToggle={(f) =>
          setChosen((s) => {
            const n = new Set(s);
            if (n.has(f)) n.delete(f);
            else n.add(f);
            return n;
          })
        }
      />
      <button className="button secondary" type="submit" disabled={pending}>
        Save what is kept off
      </button>
      <FormStatus state={state} />
    </form>
  );
}
