'use client';

import Link from 'next/link';
import { useActionState, useState } from 'react';
import { createStaffAction } from '@/app/(staff)/staff/actions.ts';
import { Field } from '@/components/ui/field.tsx';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';
import { DISPLAY_NAME_MAX } from '@/lib/staff/schema.ts';
import { SelectField } from './select-field.tsx';
import { TemporaryPassword } from './temporary-password.tsx';
import { formErrors } from './form-errors.ts';

type Props = { roles: readonly { value: string; label: string }[] };

/** Add an account; on success the form gives way to the temporary password, shown once. */
export function CreateStaffForm({ roles }: Props) {
  // A new key starts a fresh form (and forgets the password shown) for "Add another account".
  const [round, setRound] = useState(0);
  return <CreateStaffRound key={round} roles={roles} onAnother={() => setRound((r) => r + 1)} />;
}

function CreateStaffRound({ roles, onAnother }: Props & { onAnother: () => void }) {
  const [state, action, pending] = useActionState<ActionState, FormData>(createStaffAction, null);
  if (state?.ok && state.data?.temporaryPassword) {
    const { id, temporaryPassword, displayName } = state.data;
    return (
      <>
        <FormStatus state={state} />
        <TemporaryPassword password={temporaryPassword} who={displayName ?? 'them'} />
        <div className="row">
          <Link className="button secondary" href={`/staff/${id}`}>
            Open the account
          </Link>
          <button className="button secondary" type="button" onClick={onAnother}>
            Add another account
          </button>
        </div>
      </>
    );
  }
  const { fields, form } = formErrors(state);
  const values = state && !state.ok ? (state.values ?? {}) : {};
  return (
    <form action={action} noValidate className="card">
      <FormStatus state={form} />
      <Field
        label="Name"
        name="displayName"
        autoComplete="off"
        required
        maxLength={DISPLAY_NAME_MAX}
        hint="The name colleagues know them by."
        defaultValue={values.displayName}
        error={fields.displayName}
      />
      <Field label="Email" name="email" type="email" autoComplete="off" required maxLength={254} defaultValue={values.email} error={fields.email} />
      <SelectField label="Role" name="role" options={roles} defaultValue={values.role ?? 'peer'} error={fields.role} />
      <button className="button" type="submit" disabled={pending}>
        Create account
      </button>
    </form>
  );
}
