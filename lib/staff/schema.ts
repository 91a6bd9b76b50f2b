import { z } from 'zod';
import { ROLES, ROLE_LABELS, type Role } from '@/lib/auth/permissions.ts';
import { defineTable } from '@/lib/table/params.ts';
import { emailField, shortText, uuidOf } from '@/lib/validation.ts';

// Input rules for staff accounts, shared by the forms and the data layer.

export const DISPLAY_NAME_MAX = 80; // matches the staff_user_display_name_len check constraint

const roleField = z.enum(ROLES, { error: 'Choose a role.' });
export const ACCOUNT_NOT_FOUND = 'That account was not found.';
// A wrong type, a non-uuid and an unknown id all read the same to the person: not found.
const staffId = uuidOf(ACCOUNT_NOT_FOUND);

export const CreateStaffSchema = z.object({
  displayName: shortText('a name', DISPLAY_NAME_MAX),
  email: emailField,
  role: roleField,
});
export type CreateStaffInput = z.infer<typeof CreateStaffSchema>;

export const ChangeRoleSchema = z.object({ id: staffId, role: roleField });
export type ChangeRoleInput = z.infer<typeof ChangeRoleSchema>;

/** Deactivate, reactivate and reset password act on an account id alone. */
export const StaffIdSchema = z.object({ id: staffId });
export type StaffIdInput = z.infer<typeof StaffIdSchema>;

/** Deactivate (`inactive`) or reactivate (`active`) an account. */
export const SetStatusSchema = z.object({ id: staffId, status: z.enum(['active', 'inactive'], { error: 'Choose active or deactivated.' }) });

export const ROLE_OPTIONS = ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }));
export const STATUS_OPTIONS = [
  { value: 'active', label: 'Active' },
  { value: 'inactive', label: 'Deactivated' },
] as const;

/** The staff list's URL state: sortable columns, page sizes and filters. */
export const STAFF_TABLE = defineTable({
  sortable: ['name', 'email', 'role', 'status', 'created'],
  defaultSort: 'name',
  defaultDir: 'asc',
  pageSizes: [25, 50, 100],
  filters: {
    role: roleField,
    status: z.enum(['active', 'inactive']),
  },
});

export type StaffSort = (typeof STAFF_TABLE.sortable)[number];

/** Who may hold or hand out a role: only IT support (admin) manages admin accounts. */
export function roleIsManagedBy(actorRole: Role, role: Role): boolean {
  return role !== 'admin' || actorRole === 'admin';
}
