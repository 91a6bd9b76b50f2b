import { subDays } from 'date-fns';
import type { PrismaClient } from '../../lib/db/generated/client.ts';
import { encryptField } from '../../lib/crypto/fields.ts';
import { demoAliases } from './generate/aliases.ts';
import { participantRows, type ParticipantSeedRow } from './generate/participant-rows.ts';
import { insertParticipants, withoutSensitive, type ParticipantLoadRow } from './generate/participant-sql.ts';
import { createRandom } from './generate/random.ts';
import type { Exec } from './generate/visit-sql.ts';
import { programNow } from '../../lib/calendar/index.ts';

// Demo participants: a few hundred invented people with varied optional answers, some aliases
// shared by two people, consent recorded by the demo's coordinators, outreach worker and manager.
// The same seed gives the same people (codes, aliases, answers) on every run.

export const DEMO_SEED = 'lantern-demo-1';
export const DEMO_PARTICIPANTS = 300;
export const DEMO_SHARED_ALIASES = 12;
/** About five months of drop-in. */
export const DEMO_DAYS = 152;

/** Raw SQL through Prisma (or one of its transactions): the loaders' statements. */
export function prismaExec(db: Pick<PrismaClient, '$executeRawUnsafe'>): Exec {
  return (sql, params = []) => db.$executeRawUnsafe(sql, ...params);
}

/** Staff ids by role, in a stable order (by email) so the same seed maps to the same people. */
export async function staffIds(db: PrismaClient, roles: ('peer' | 'coordinator' | 'outreach' | 'manager')[]): Promise<string[]> {
  const rows = await db.staffUser.findMany({ where: { role: { in: roles }, active: true }, select: { id: true }, orderBy: { email: 'asc' } });
  return rows.map((r) => r.id);
}

// The same column names and associated data as lib/participants/sensitive.ts (which is
// server-only, so the seed cannot import it); a data-layer test reads these back through it.
function encrypted(rows: ParticipantSeedRow[]): ParticipantLoadRow[] {
  const b64 = (bytes: Uint8Array | null) => (bytes ? Buffer.from(bytes).toString('base64') : null);
  return rows.map(({ safe_contact, notes, ...rest }) => ({
    ...rest,
    safe_contact_enc: b64(encryptField(safe_contact, `participant:${rest.id}:safe_contact`)),
    notes_enc: b64(encryptField(notes, `participant:${rest.id}:notes`)),
  }));
}

export async function seedParticipants(db: PrismaClient, now = programNow()): Promise<void> {
  const random = createRandom(DEMO_SEED);
  // Safe contact and notes are encrypted at rest: without a key (e.g. a bare `prisma/seed.ts` run) they are left out.
  const canEncrypt = !!process.env.ENCRYPTION_KEY;
  const rows = participantRows(random.fork('participants'), {
    aliases: demoAliases(random.fork('aliases'), DEMO_PARTICIPANTS, DEMO_SHARED_ALIASES),
    staffIds: await staffIds(db, ['coordinator', 'outreach', 'manager']),
    from: subDays(now, DEMO_DAYS),
    to: now,
    sensitiveShare: canEncrypt ? 0.08 : 0,
  });
  await insertParticipants(prismaExec(db), canEncrypt ? encrypted(rows) : withoutSensitive(rows));
}
