'use server';

import { revalidatePath } from 'next/cache';
import { defineAction } from '@/lib/action.ts';
import { ChangeRoleSchema, CreateStaffSchema, SetStatusSchema, StaffIdSchema } from '@/lib/staff/schema.ts';
import {
  changeStaffRole,
  createStaffUser,
  deactivateStaffUser,
  reactivateStaffUser,
  resetStaffPassword,
  resetStaffSecondFactor,
} from '@/lib/staff/mutations.ts';

// Staff account actions. Each is a public POST endpoint: defineAction checks the session and
// `staff:manage` again, and the mutations check it a third time with the rows locked.

export const createStaffAction = defineAction({
  permission: 'staff:manage',
  schema: CreateStaffSchema,
  run: async (actor, input) => {
    const { id, temporaryPassword } = await createStaffUser(actor, input);
    revalidatePath('/staff');
    // Returned in the action's response only, to be shown once; never put in a redirect or URL.
    return { message: 'Account created.', data: { id, temporaryPassword, displayName: input.displayName } };
  },
});

export const changeRoleAction = defineAction({
  permission: 'staff:manage',
  schema: ChangeRoleSchema,
  run: async (actor, input) => {
    await changeStaffRole(actor, input);
    revalidatePath(`/staff/${input.id}`);
    return { message: 'Role changed. They have been signed out and will sign in again with the new role.' };
  },
});

export const setStatusAction = defineAction({
  permission: 'staff:manage',
  schema: SetStatusSchema,
  run: async (actor, { id, status }) => {
    if (status === 'inactive') await deactivateStaffUser(actor, { id });
    else await reactivateStaffUser(actor, { id });
    revalidatePath(`/staff/${id}`);
    return { message: status === 'inactive' ? 'Account deactivated. They have been signed out.' : 'Account reactivated. They can sign in again.' };
  },
});

export const resetPasswordAction = defineAction({
  permission: 'staff:manage',
  schema: StaffIdSchema,
  run: async (actor, input) => {
    const { temporaryPassword } = await resetStaffPassword(actor, input);
    revalidatePath(`/staff/${input.id}`);
    return { message: 'Password reset. They have been signed out.', data: { temporaryPassword } };
  },
});

export const resetSecondFactorAction = defineAction({
  permission: 'staff:manage',
  schema: StaffIdSchema,
  run: async (actor, input) => {
    await resetStaffSecondFactor(actor, input);
    revalidatePath(`/staff/${input.id}`);
    return { message: 'Two-step sign-in reset. They have been signed out, and set it up again at their next sign-in.' };
  },
});
