import 'server-only';
import { randomUUID, webcrypto } from 'node:crypto';
import { z } from 'zod';
import { db } from '@/lib/db/client.ts';
import { assertCan } from '@/lib/auth/assert.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { decryptField, encryptField } from '@/lib/crypto/fields.ts';
import { AppError } from '@/lib/errors.ts';
import { SEAL_VERSION, unseal, type Sealed } from './seal.ts';

// The server half of the phone's encrypted queue. Each signed-in session gets its own ECDH key
// pair: the page hands the phone the public key, the private key stays in auth_session, encrypted
// at rest with ENCRYPTION_KEY. Signing out, "sign out everywhere" and locking the screen null it
// (lib/auth/account.ts), so a queue copied off a phone is unreadable from then on. A session that
// merely timed out keeps its key, so what waited can still be sent after signing in again; a key is
// only ever used for the account that made it.

const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const context = (kid: string) => `auth_session:${kid}:outbox_key`;
export const QUEUE_UNREADABLE = 'This entry was saved before you signed out or locked the screen and can no longer be read. Enter it again.';

export type OutboxKey = { kid: string; publicKey: JsonWebKey };

/** This session's public key for the queue, made on first use. Outreach workers, coordinators, managers (`outreach:log`). */
export async function outboxKey(actor: Actor): Promise<OutboxKey> {
  assertCan(actor, 'outreach:log');
  const row = await db.authSession.findUnique({ where: { id: actor.sessionId }, select: { outboxKeyId: true, outboxKey: true } });
  if (row?.outboxKeyId && row.outboxKey) return { kid: row.outboxKeyId, publicKey: await publicOf(row.outboxKeyId, row.outboxKey) };
  const kid = randomUUID();
  const pair = (await webcrypto.subtle.generateKey(CURVE, true, ['deriveBits'])) as webcrypto.CryptoKeyPair;
  const pkcs8 = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', pair.privateKey)).toString('base64');
  // Two first requests at once: only one key is kept, and both answer with it.
  await db.authSession.updateMany({
    where: { id: actor.sessionId, outboxKey: null, endedAt: null },
    data: { outboxKeyId: kid, outboxKey: encryptField(pkcs8, context(kid)) },
  });
  const stored = await db.authSession.findUniqueOrThrow({ where: { id: actor.sessionId }, select: { outboxKeyId: true, outboxKey: true } });
  if (!stored.outboxKeyId || !stored.outboxKey) throw new AppError('conflict', QUEUE_UNREADABLE);
  return { kid: stored.outboxKeyId, publicKey: await publicOf(stored.outboxKeyId, stored.outboxKey) };
}

async function privateOf(kid: string, stored: Uint8Array): Promise<webcrypto.CryptoKey> {
  const pkcs8 = Buffer.from(decryptField(stored, context(kid))!, 'base64');
  return webcrypto.subtle.importKey('pkcs8', pkcs8, CURVE, true, ['deriveBits']);
}

async function publicOf(kid: string, stored: Uint8Array): Promise<JsonWebKey> {
  const { kty, crv, x, y } = await webcrypto.subtle.exportKey('jwk', await privateOf(kid, stored));
  return { kty, crv, x, y };
}

const b64 = z
  .string()
  .max(200_000)
  .regex(/^[A-Za-z0-9+/=]*$/);
export const SealedSchema = z.object(
  {
    v: z.literal(SEAL_VERSION),
    kid: z.uuid(),
    epk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string().max(64), y: z.string().max(64) }),
    iv: b64,
    ct: b64,
  },
  { error: 'This entry could not be read. Reload the page and try again.' },
);

/** Opens an entry sealed on the phone to one of this person's keys. Refused (not retried) when the key was shredded or the ciphertext altered. */
export async function openSealed(actor: Actor, input: unknown): Promise<unknown> {
  assertCan(actor, 'outreach:log');
  const parsed = SealedSchema.safeParse(input);
  if (!parsed.success) throw new AppError('invalid', 'This entry could not be read. Reload the page and try again.');
  const row = await db.authSession.findFirst({
    where: { outboxKeyId: parsed.data.kid, userId: actor.id },
    select: { outboxKey: true },
  });
  if (!row?.outboxKey) throw new AppError('conflict', QUEUE_UNREADABLE);
  try {
    return await unseal(parsed.data as Sealed, (await privateOf(parsed.data.kid, row.outboxKey)) as CryptoKey);
  } catch {
    throw new AppError('invalid', QUEUE_UNREADABLE);
  }
}
