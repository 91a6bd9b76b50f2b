// The one participant factory and the one refusal assertion for data-layer tests (not a test file
// itself). Features' test helpers re-export these under the names their tests use.
import { randomInt, randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import type { Prisma } from '../generated/client.ts';
import { db } from '../client.ts';
import type { Actor } from '../../auth/session.ts';
import { AppError } from '../../errors.ts';
import { programNow } from '../../calendar/index.ts';

const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

/** A random code in the participant_code_format shape, e.g. K7Q-4M9. */
export function randomCode(): string {
  const three = () => Array.from({ length: 3 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
  return `${three()}-${three()}`;
}

export type ParticipantFields = Partial<Omit<Prisma.ParticipantUncheckedCreateInput, 'notesEnc' | 'alias'>> & {
  /** The alias ("Robin 3f2a" unless given); null for a record without one. */
  alias?: string | null;
  /** De-identified now: no alias, the date set. */
  deidentified?: boolean;
};

/**
 * A consented participant record written straight to the table, as the desk would have made it
 * (each feature's tests start from one without going through the participants feature).
 * `by`: the staff member (or their id) who took consent.
 */
export async function makeParticipant(by: Pick<Actor, 'id'> | string, { deidentified = false, alias, ...fields }: ParticipantFields = {}) {
  const staffId = typeof by === 'string' ? by : by.id;
  return db.participant.create({
    data: {
      alias: deidentified ? null : alias === undefined ? `Robin ${randomUUID().slice(0, 4)}` : alias,
      code: randomCode(),
      consentAt: programNow(),
      consentById: staffId,
      createdById: staffId,
      deidentifiedAt: deidentified ? programNow() : null,
      ...fields,
    },
    select: { id: true, alias: true, code: true },
  });
}

/** Asserts a promise rejects with an AppError of this code (and message, and field, when given). */
export async function expectAppError(promise: Promise<unknown>, code: AppError['code'] | undefined, message?: string | RegExp, field?: string) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  const e = error as AppError;
  if (code) expect(e.code).toBe(code);
  if (message) expect(e.userMessage).toMatch(message);
  if (field !== undefined) expect(e.field).toBe(field);
  return e;
}
