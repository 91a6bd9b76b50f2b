'use client';

import { useActionState } from 'react';
import { saveSettingsAction } from '@/app/(staff)/settings/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';
import type { SettingInputKind } from '@/lib/settings/schema.ts';

export type SettingField = { key: string; label: string; kind: SettingInputKind; value: string };

/** One field per setting in the registry; each is checked by the setting's own schema on the server. */
export function SettingsForm({ fields }: { fields: SettingField[] }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(saveSettingsAction, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} noValidate className="card">
      <FormStatus state={state} />
      {fields.map((f) =>
        f.kind === 'checkbox' ? (
          <p key={f.key}>
            <label>
              {/* An unticked box posts nothing, which the setting's schema reads as "no". */}
              <input type="checkbox" name={f.key} value="true" defaultChecked={(values[f.key] ?? f.value) === 'true'} /> {f.label}
            </label>
          </p>
        ) : (
          <Field
            key={f.key}
            id={`setting-${f.key.replace(/\W/g, '-')}`}
            label={f.label}
            name={f.key}
            type={f.kind}
            inputMode={f.kind === 'number' ? 'numeric' : undefined}
            defaultValue={values[f.key] ?? f.value}
            error={errors[f.key]}
            required
          />
        ),
      )}
      <button className="button" type="submit" disabled={pending}>
        Save settings
      </button>
    </form>
  );
}
