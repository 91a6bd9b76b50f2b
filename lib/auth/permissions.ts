// The permission matrix: the one place that says which role may do what. Every query, mutation,
// page, Server Action and route handler asks `can(actor, permission)`; nothing else grants access.
// Deny by default: a permission not listed here does not exist (the type system refuses it).

export const ROLES = ['peer', 'coordinator', 'outreach', 'manager', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  peer: 'Peer',
  coordinator: 'Coordinator',
  outreach: 'Outreach worker',
  manager: 'Program manager',
  admin: 'IT support',
};

const STAFF = ['peer', 'coordinator', 'outreach', 'manager'] as const;
const WORKERS = ['coordinator', 'outreach', 'manager'] as const;

export const MATRIX = {
  // Front desk: peers see alias and code only; sensitive fields stay with workers.
  'participant:read': STAFF,
  // A person's past: visit history with its services and supplies, bookings and attendance on
  // other days than today, and the dates of it all. Peers see what the desk needs today only.
  'participant:history': WORKERS,
  'participant:read_sensitive': WORKERS,
  'participant:create': WORKERS,
  'participant:update': WORKERS,
  'participant:merge': ['coordinator', 'manager'],
  'participant:access_request': ['manager'],
  'visit:read': STAFF,
  'visit:create': STAFF,
  'booking:read': STAFF,
  'booking:manage': STAFF,
  'stay:read': WORKERS,
  'stay:manage': WORKERS,
  'stay:approve_extension': ['manager'],
  'program:read': STAFF,
  'program:manage': ['manager'],
  'attendance:record': STAFF,
  'agency:read': STAFF,
  'agency:manage': ['coordinator', 'manager'],
  'referral:read': WORKERS,
  'referral:manage': WORKERS,
  'alert:read_published': STAFF,
  'alert:report': WORKERS,
  'alert:review': ['coordinator', 'manager'],
  // Outreach shifts and contacts: the outreach workers, and the coordinators and managers behind them.
  'outreach:read': ['outreach', 'coordinator', 'manager'],
  'outreach:log': ['outreach', 'coordinator', 'manager'],
  'report:read': ['manager'],
  'report:export': ['manager'],
  'retention:run': ['manager'],
  // Administration: IT support manages accounts and settings but sees no participant data.
  'audit:read': ['manager', 'admin'],
  'settings:manage': ['manager', 'admin'],
  'staff:read': ['manager', 'admin'],
  'staff:manage': ['manager', 'admin'],
  // Separation of duties: creating an account that reads participant data, giving an account
  // such a role, and resetting (or reactivating) such an account's password or second factor is
  // a manager's decision. IT support may still deactivate any account: that only takes access away.
  'staff:grant_data_access': ['manager'],
} as const satisfies Record<string, readonly Role[]>;

export type Permission = keyof typeof MATRIX;
export const PERMISSIONS = Object.keys(MATRIX) as Permission[];

/** Pure check on a role. Prefer `can(actor, …)`; this exists for the matrix test and navigation. */
export function roleCan(role: Role, permission: Permission): boolean {
  return (MATRIX[permission] as readonly Role[]).includes(role);
}

export function can(actor: { role: Role } | null | undefined, permission: Permission): boolean {
  return !!actor && roleCan(actor.role, permission);
}

/** Whether an account of this role reads participant data (even alias and code only). */
export function readsParticipantData(role: Role): boolean {
  return roleCan(role, 'participant:read');
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
