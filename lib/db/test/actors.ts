import { randomUUID } from 'node:crypto';
import { createDb } from '../create.ts';
import type { Actor } from '../../auth/session.ts';
import type { Role } from '../../auth/permissions.ts';

/**
 * Creates a staff account and a live session for it, returning the Actor the data layer expects.
 * Passwords are not hashed here (the hash is a placeholder): tests that sign in hash their own.
 */
export async function makeActor(role: Role, overrides: { displayName?: string; passwordHash?: string } = {}): Promise<Actor> {
  const db = createDb(process.env.DATABASE_URL!, 1);
  try {
    const id = randomUUID();
    const sessionId = randomUUID();
    await db.staffUser.create({
      data: {
        id,
        role,
        email: `${role}-${id.slice(0, 8)}@example.org`,
        displayName: overrides.displayName ?? `Test ${role}`,
        passwordHash: overrides.passwordHash ?? 'not-a-hash',
        mustChangePassword: false,
      },
    });
    // A whole sign-in: the password and, where required, the second factor.
    await db.authSession.create({ data: { id: sessionId, userId: id, sessionVersion: 1, secondFactorAt: new Date() } });
    return { id, role, displayName: overrides.displayName ?? `Test ${role}`, sessionId };
  } finally {
    await db.$disconnect();
  }
}
