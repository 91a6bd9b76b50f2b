import 'server-only';
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { generateSecret, generateURI, verify } from 'otplib';
import QRCode from 'qrcode';
import { db } from '@/lib/db/client.ts';
import { recordAudit } from '@/lib/audit/record.ts';
import { decryptField, encryptField } from '@/lib/crypto/fields.ts';
import { AppError } from '@/lib/errors.ts';
import { hashPassword, verifyPassword } from './password.ts';
import { recordAttempt, throttleKeys, throttleWait } from './throttle.ts';
import { waitMessage } from './throttle-rules.ts';
import { ABSOLUTE_SESSION_HOURS, type Actor } from './resolve-session.ts';
export { twoFactorRequired } from './two-factor-policy.ts';
import { programNow } from '@/lib/calendar/index.ts';

// Two-factor sign-in with TOTP (RFC 6238): 30-second steps, a code of the step before or after
// accepted (clocks drift), each code usable once (the last accepted step is kept). Secrets are
// encrypted at rest with ENCRYPTION_KEY, bound to their account. Ten one-time recovery codes per
// account, about 50 bits each, kept as argon2id hashes like passwords (ASVS 5.0 6.5.2: a lookup
// secret under 112 bits needs a salted password hash). Codes count against the same throttle as
// passwords, so a stolen password gives no faster guessing.

const PERIOD_SECONDS = 30;
/** One step either side of now. */
const TOLERANCE_SECONDS = PERIOD_SECONDS;
export const RECOVERY_CODE_COUNT = 10;
// No 0/O, 1/I/L: read off paper and typed in without mistakes.
const RECOVERY_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const ISSUER = 'Lantern';

export const CODE_WRONG = 'That code is not right. Enter the 6 digits your app shows now, or a recovery code.';
const CODE_MISSING = 'Enter the 6-digit code from your app.';
const NOT_ENROLLING = 'Start again: the setup was not found. Reload the page to get a new key.';
const ALREADY = 'Two-step sign-in is already set up for your account.';

const secretContext = (userId: string) => `staff_user.totp_secret:${userId}`;
const pendingContext = (sessionId: string) => `auth_session.totp_pending:${sessionId}`;
/** Ten new recovery codes and their argon2id hashes (salted, so each is checked one by one). */
async function newRecoveryCodes(): Promise<{ codes: string[]; hashes: string[] }> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  const hashes = [];
  for (const code of codes) hashes.push(await hashPassword(normaliseRecovery(code)));
  return { codes, hashes };
}

/** The stored hash of the unused recovery code typed, or null. */
async function matchingRecoveryCode(userId: string, typed: string): Promise<string | null> {
  const normalised = normaliseRecovery(typed);
  if (!/^[A-Z0-9]{10}$/.test(normalised)) return null;
  const unused = await db.staffRecoveryCode.findMany({ where: { userId, usedAt: null }, select: { codeHash: true } });
  for (const { codeHash } of unused) if (await verifyPassword(codeHash, normalised)) return codeHash;
  return null;
}

/** A recovery code as typed: case, spaces and dashes do not matter. */
function normaliseRecovery(code: string): string {
  return code.toUpperCase().replace(/[\s-]/g, '');
}

function newRecoveryCode(): string {
  const chars = Array.from({ length: 10 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
  return `${chars.slice(0, 5)}-${chars.slice(5)}`;
}

/** The step a code was accepted for, or null. `afterStep`: steps at or before it are refused (used). */
async function acceptedStep(secret: string, code: string, now: Date, afterStep: number | null): Promise<number | null> {
  if (!/^\d{6}$/.test(code)) return null;
  const result = await verify({
    secret,
    token: code,
    period: PERIOD_SECONDS,
    epoch: Math.floor(now.getTime() / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    ...(afterStep !== null ? { afterTimeStep: afterStep } : {}),
  });
  return result.valid && 'timeStep' in result ? result.timeStep : null;
}

async function throttled(actor: Actor, ip: string, now: Date) {
  const user = await db.staffUser.findUniqueOrThrow({ where: { id: actor.id }, select: { email: true } });
  const keys = throttleKeys(user.email, ip);
  const wait = await throttleWait(keys, now);
  if (wait > 0) {
    await db.$transaction((tx) => recordAudit(tx, actor, 'auth.second_factor_throttled', { outcome: 'refused', entityType: 'staff_user', entityId: actor.id }));
    throw new AppError('throttled', waitMessage(wait), 'code');
  }
  return keys;
}

export type Enrolment = { key: string; uri: string; qrSvg: string };

/**
 * Begins setting up two-step sign-in for the signed-in account: a new secret waits, encrypted, on
 * this session until a code from it is given (`confirmEnrolment`). Asked again (a reload), it
 * shows the same secret. Returns the key to type, the otpauth:// address and its QR code (SVG), or
 * null when the account has it set up already.
 */
export async function startEnrolment(actor: Actor): Promise<Enrolment | null> {
  const session = await db.authSession.findUniqueOrThrow({
    where: { id: actor.sessionId },
    select: { totpPending: true, user: { select: { email: true, totpEnrolledAt: true } } },
  });
  if (session.user.totpEnrolledAt) return null;
  const email = session.user.email;
  let key = session.totpPending ? decryptField(session.totpPending, pendingContext(actor.sessionId)) : null;
  if (!key) {
    key = generateSecret();
    await db.authSession.update({
      where: { id: actor.sessionId },
      data: { totpPending: encryptField(key, pendingContext(actor.sessionId)) },
      select: { id: true },
    });
  }
  const uri = generateURI({ issuer: ISSUER, label: email, secret: key, period: PERIOD_SECONDS });
  const qrSvg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return { key, uri, qrSvg };
}

/**
 * Finishes setting up: a code from the new secret proves the app has it. The secret moves to the
 * account, this session counts as having given its second factor, and ten recovery codes are
 * returned, once (only their hashes are kept).
 */
export async function confirmEnrolment(actor: Actor, code: string, ip: string, now: Date = programNow()): Promise<string[]> {
  const keys = await throttled(actor, ip, now);
  const session = await db.authSession.findUniqueOrThrow({ where: { id: actor.sessionId }, select: { totpPending: true } });
  const key = session.totpPending ? decryptField(session.totpPending, pendingContext(actor.sessionId)) : null;
  if (!key) throw new AppError('conflict', NOT_ENROLLING, 'code');
  const trimmed = code.replace(/\s/g, '');
  if (!trimmed) throw new AppError('invalid', CODE_MISSING, 'code');
  const step = await acceptedStep(key, trimmed, now, null);
  await recordAttempt(keys, step !== null, now);
  if (step === null) throw new AppError('invalid', 'That code is not right. Enter the 6 digits your app shows now.', 'code');
  const { codes, hashes } = await newRecoveryCodes();
  await db.$transaction(async (tx) => {
    const updated = await tx.staffUser.updateMany({
      where: { id: actor.id, totpEnrolledAt: null },
      data: { totpSecret: encryptField(key, secretContext(actor.id)), totpEnrolledAt: now, totpLastStep: step },
    });
    if (updated.count !== 1) throw new AppError('conflict', ALREADY);
    await tx.staffRecoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.staffRecoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId: actor.id, codeHash })) });
    await tx.authSession.update({ where: { id: actor.sessionId }, data: { totpPending: null, secondFactorAt: now }, select: { id: true } });
    await recordAudit(tx, actor, 'staff_user.second_factor_enrolled', { entityType: 'staff_user', entityId: actor.id });
  });
  return codes;
}

/**
 * The second step of signing in: a code from the app (each works once) or an unused recovery code.
 * A wrong one counts like a wrong password (throttle and audit log).
 */
export async function giveSecondFactor(
  actor: Actor,
  code: string,
  ip: string,
  now: Date = programNow(),
): Promise<{ method: 'app' | 'recovery'; recoveryLeft?: number }> {
  const keys = await throttled(actor, ip, now);
  const typed = code.trim();
  if (!typed) throw new AppError('invalid', CODE_MISSING, 'code');
  const user = await db.staffUser.findUniqueOrThrow({ where: { id: actor.id }, select: { totpSecret: true, totpLastStep: true } });
  if (!user.totpSecret) throw new AppError('conflict', 'Two-step sign-in is not set up for this account.', 'code');
  const digits = typed.replace(/\s/g, '');
  let method: 'app' | 'recovery' | null = null;
  if (/^\d{6}$/.test(digits)) {
    const step = await acceptedStep(decryptField(user.totpSecret, secretContext(actor.id))!, digits, now, user.totpLastStep);
    // Two sign-ins racing with the same code: the row decides, and only one moves the step on.
    if (step !== null) {
      const moved = await db.staffUser.updateMany({
        where: { id: actor.id, OR: [{ totpLastStep: null }, { totpLastStep: { lt: step } }] },
        data: { totpLastStep: step },
      });
      if (moved.count === 1) method = 'app';
    }
  } else {
    const codeHash = await matchingRecoveryCode(actor.id, typed);
    // Two sign-ins racing with one recovery code: the row decides.
    const used = codeHash ? await db.staffRecoveryCode.updateMany({ where: { userId: actor.id, codeHash, usedAt: null }, data: { usedAt: now } }) : null;
    if (used?.count === 1) method = 'recovery';
  }
  await recordAttempt(keys, method !== null, now);
  if (!method) {
    await db.$transaction((tx) => recordAudit(tx, actor, 'auth.second_factor_failed', { outcome: 'failed', entityType: 'staff_user', entityId: actor.id }));
    throw new AppError('invalid', CODE_WRONG, 'code');
  }
  await db.$transaction(async (tx) => {
    await tx.authSession.update({ where: { id: actor.sessionId }, data: { secondFactorAt: now }, select: { id: true } });
    await recordAudit(tx, actor, 'auth.second_factor_given', { entityType: 'staff_user', entityId: actor.id, details: { method } });
  });
  if (method === 'app') return { method };
  return { method, recoveryLeft: await db.staffRecoveryCode.count({ where: { userId: actor.id, usedAt: null } }) };
}

/** New recovery codes for the signed-in account (the old ones stop working), returned once. */
export async function replaceRecoveryCodes(actor: Actor): Promise<string[]> {
  const { codes, hashes } = await newRecoveryCodes();
  await db.$transaction(async (tx) => {
    const user = await tx.staffUser.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnrolledAt: true } });
    if (!user.totpEnrolledAt) throw new AppError('conflict', 'Set up two-step sign-in first.');
    await tx.staffRecoveryCode.deleteMany({ where: { userId: actor.id } });
    await tx.staffRecoveryCode.createMany({ data: hashes.map((codeHash) => ({ userId: actor.id, codeHash })) });
    await recordAudit(tx, actor, 'staff_user.recovery_codes_replaced', { entityType: 'staff_user', entityId: actor.id });
  });
  return codes;
}

/** Where the signed-in account stands: set up when, and recovery codes left. */
export async function ownSecondFactor(actor: Actor): Promise<{ enrolledAt: Date | null; recoveryLeft: number }> {
  const user = await db.staffUser.findUniqueOrThrow({ where: { id: actor.id }, select: { totpEnrolledAt: true } });
  const recoveryLeft = user.totpEnrolledAt ? await db.staffRecoveryCode.count({ where: { userId: actor.id, usedAt: null } }) : 0;
  return { enrolledAt: user.totpEnrolledAt, recoveryLeft };
}

/** The cookie that carries a remembered browser's token (http-only; its hash is in remembered_browser). */
export const REMEMBER_COOKIE = 'lantern-two-step';
const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');

/**
 * "Remember this browser": a random token for a cookie, good for the absolute session lifetime
 * (12 hours) from now. Returned once, with when it ends; only its hash is kept.
 */
export async function rememberBrowser(actor: Actor, now: Date = programNow()): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + ABSOLUTE_SESSION_HOURS * 3600_000);
  await db.$transaction(async (tx) => {
    await tx.rememberedBrowser.deleteMany({ where: { userId: actor.id, expiresAt: { lte: now } } });
    await tx.rememberedBrowser.create({ data: { tokenHash: tokenHash(token), userId: actor.id, expiresAt }, select: { tokenHash: true } });
    await recordAudit(tx, actor, 'auth.browser_remembered', { entityType: 'staff_user', entityId: actor.id });
  });
  return { token, expiresAt };
}

/** Whether this cookie token excuses this account's new session from the second factor right now. */
export async function browserRemembered(userId: string, token: string | undefined, now: Date = programNow()): Promise<boolean> {
  if (!token || token.length > 100) return false;
  const row = await db.rememberedBrowser.findUnique({ where: { tokenHash: tokenHash(token) }, select: { userId: true, expiresAt: true } });
  return !!row && row.userId === userId && row.expiresAt > now;
}
