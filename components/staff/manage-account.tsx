'use client';

import { useActionState } from 'react';
import { changeRoleAction, resetPasswordAction, resetSecondFactorAction, setStatusAction } from '@/app/(staff)/staff/actions.ts';
import { FormStatus } from '@/components/ui/form-status.tsx';
import type { ActionState } from '@/lib/action.ts';
import { SelectField } from './select-field.tsx';
import { TemporaryPassword } from './temporary-password.tsx';
import { formErrors } from './form-errors.ts';

type Props = { id: string; name: string; role: string; active: boolean; twoStepOn: boolean; roles: readonly { value: string; label: string }[] };
type Show = { role: boolean; status: boolean; reset: boolean; resetSecondFactor: boolean };

/** Role, status and password controls for someone else's account: only those the rules allow this person. */
export function ManageAccount({ show, ...props }: Props & { show: Show }) {
  return (
    <>
      {show.role && <RoleForm {...props} />}
      {show.status && <StatusForm {...props} />}
      {show.reset && <ResetPasswordForm {...props} />}
      {show.resetSecondFactor && <ResetSecondFactorForm {...props} />}
    </>
  );
}

function RoleForm({ id, role, roles }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(changeRoleAction, null);
  const { fields, form } = formErrors(state);
  return (
    <section className="card" aria-labelledby="role-heading">
      <h2 id="role-heading">Change role</h2>
      <form action={action} noValidate>
        <FormStatus state={form} />
        <input type="hidden" name="id" value={id} />
        <SelectField label="Role" name="role" options={roles} defaultValue={role} error={fields.role} />
        <p className="muted">Changing the role signs them out; they sign in again with the new role.</p>
        <button className="button" type="submit" disabled={pending}>
          Change role
        </button>
      </form>
    </section>
  );
}

function StatusForm({ id, active }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(setStatusAction, null);
  const { form } = formErrors(state);
  return (
    <section className="card" aria-labelledby="status-heading">
      <h2 id="status-heading">{active ? 'Deactivate' : 'Reactivate'}</h2>
      <form action={action}>
        <FormStatus state={form} />
        <input type="hidden" name="id" value={id} />
        <input type="hidden" name="status" value={active ? 'inactive' : 'active'} />
        <p className="muted">
          {active ? 'They are signed out at once and can no longer sign in. Their history stays.' : 'They can sign in again with their password.'}
        </p>
        <button className={active ? 'button danger' : 'button'} type="submit" disabled={pending}>
          {active ? 'Deactivate account' : 'Reactivate account'}
        </button>
      </form>
    </section>
  );
}

function ResetPasswordForm({ id, name }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(resetPasswordAction, null);
  const { form } = formErrors(state);
  const password = state?.ok ? state.data?.temporaryPassword : undefined;
  return (
    <section className="card" aria-labelledby="reset-heading">
      <h2 id="reset-heading">Reset password</h2>
      {password ? (
        <TemporaryPassword password={password} who={name} />
      ) : (
        <form action={action}>
          <FormStatus state={form} />
          <input type="hidden" name="id" value={id} />
          <p className="muted">Signs them out and gives you a temporary password to pass on. They choose their own at next sign-in.</p>
          <button className="button secondary" type="submit" disabled={pending}>
            Reset password
          </button>
        </form>
      )}
    </section>
  );
}

function ResetSecondFactorForm({ id, twoStepOn }: Props) {
  const [state, action, pending] = useActionState<ActionState, FormData>(resetSecondFactorAction, null);
  const { form } = formErrors(state);
  // After a reset the page shows it off: the answer stays here, with nothing left to reset.
  if (!twoStepOn && !state) return null;
  return (
    <section className="card" aria-labelledby="reset-2fa-heading">
      <h2 id="reset-2fa-heading">Reset two-step sign-in</h2>
      {!twoStepOn ? (
        <FormStatus state={form} />
      ) : (
        <form action={action}>
          <FormStatus state={form} />
          <input type="hidden" name="id" value={id} />
          <p className="muted">For a lost phone and lost recovery codes. Signs them out; they set up two-step sign-in again with their password.</p>
          <button className="button secondary" type="submit" disabled={pending}>
            Reset two-step sign-in
          </button>
        </form>
      )}
    </section>
  );
}
