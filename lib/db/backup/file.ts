// The backup file: a fixed prefix, then the gzip-compressed dump encrypted with AES-256-GCM, then
// GCM's tag. Layout:
//
//   magic "LNTRNBK1" (8) | salt (16) | iv (12) | key check (32) | ciphertext … | tag (16)
//
// The file key and a key-check key are derived from the 32-byte backup key with HKDF-SHA256 over the
// file's own random salt, so no two files share a key. The key check (an HMAC of the prefix) tells a
// wrong key apart from a damaged file before anything is read; the prefix is also GCM's additional
// data, and the tag, checked when the last byte is read, covers everything. The restore commits
// only after that check, so a damaged or cut-short file changes nothing.
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes, timingSafeEqual, type Decipher } from 'node:crypto';
import { open } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { pipeline, Transform, Writable, type Readable } from 'node:stream';
import { pipeline as pipelinePromise } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';

const MAGIC = Buffer.from('LNTRNBK1', 'ascii');
const PREFIX_LENGTH = MAGIC.length + 16 + 12 + 32;
const TAG_LENGTH = 16;

/** A refusal or failure with a one-line, plain message (no stack trace is shown for it). */
export class BackupError extends Error {
  override name = 'BackupError';
}

/** Parses a key given as 32 bytes in base64; `name` is the variable it came from, for the message. */
export function parseBackupKey(value: string, name: string): Buffer {
  const key = Buffer.from(value, 'base64');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || key.length !== 32) {
    throw new BackupError(`${name} must be 32 random bytes in base64 (try: openssl rand -base64 32)`);
  }
  return key;
}

function deriveKeys(key: Buffer, salt: Buffer) {
  const derive = (label: string) => Buffer.from(hkdfSync('sha256', key, salt, `lantern backup v1 ${label}`, 32));
  return { cipherKey: derive('encryption'), checkKey: derive('key check') };
}

const keyCheck = (checkKey: Buffer, head: Buffer) => createHmac('sha256', checkKey).update(head).digest();

/** The file's prefix and a transform that encrypts the gzip stream and appends the tag. */
export function encryptingStream(key: Buffer): { prefix: Buffer; encrypt: Transform } {
  const [salt, iv] = [randomBytes(16), randomBytes(12)];
  const { cipherKey, checkKey } = deriveKeys(key, salt);
  const head = Buffer.concat([MAGIC, salt, iv]);
  const cipher = createCipheriv('aes-256-gcm', cipherKey, iv);
  cipher.setAAD(head);
  const encrypt = new Transform({
    transform(chunk: Buffer, _enc, done) {
      done(null, cipher.update(chunk));
    },
    flush(done) {
      this.push(cipher.final());
      done(null, cipher.getAuthTag());
    },
  });
  return { prefix: Buffer.concat([head, keyCheck(checkKey, head)]), encrypt };
}

/**
 * Opens a backup file for reading: checks its prefix and the key at once, and returns the
 * decrypted, decompressed dump as a stream that fails if any byte was changed or cut.
 */
export async function openBackupFile(file: string, key: Buffer): Promise<Readable> {
  const { read, decipher } = await openDecipher(file, key);
  return pipeline(read, decipher, createGunzip(), () => {});
}

/**
 * Reads the whole file through GCM's check before a restore touches the database. (The restore
 * checks again as it reads, and commits only then, in case the file changes in between.)
 */
export async function verifyBackupFile(file: string, key: Buffer): Promise<void> {
  const { read, decipher } = await openDecipher(file, key);
  const discard = new Writable({ write: (_chunk, _enc, done) => done() });
  await pipelinePromise(read, decipher, discard).catch((e) => Promise.reject(readError(e)));
}

async function openDecipher(file: string, key: Buffer): Promise<{ read: Readable; decipher: Decipher }> {
  const handle = await open(file, 'r').catch((e: NodeJS.ErrnoException) => {
    throw new BackupError(e.code === 'ENOENT' ? `${file} does not exist` : `cannot read ${file} (${e.code ?? e.message})`);
  });
  let prefix: Buffer, tag: Buffer, size: number;
  try {
    size = (await handle.stat()).size;
    prefix = Buffer.alloc(PREFIX_LENGTH);
    tag = Buffer.alloc(TAG_LENGTH);
    await handle.read(prefix, 0, Math.min(PREFIX_LENGTH, size), 0);
    if (size >= PREFIX_LENGTH + TAG_LENGTH) await handle.read(tag, 0, TAG_LENGTH, size - TAG_LENGTH);
  } finally {
    await handle.close();
  }
  if (!prefix.subarray(0, MAGIC.length).equals(MAGIC)) throw new BackupError(`${file} is not a Lantern backup`);
  if (size < PREFIX_LENGTH + TAG_LENGTH) throw damaged();
  const head = prefix.subarray(0, MAGIC.length + 28);
  const salt = head.subarray(MAGIC.length, MAGIC.length + 16);
  const iv = head.subarray(MAGIC.length + 16);
  const { cipherKey, checkKey } = deriveKeys(key, salt);
  if (!timingSafeEqual(keyCheck(checkKey, head), prefix.subarray(head.length))) {
    throw new BackupError('this backup was made with another key: set BACKUP_KEY to the key it was made with');
  }
  const decipher = createDecipheriv('aes-256-gcm', cipherKey, iv);
  decipher.setAAD(head);
  decipher.setAuthTag(tag);
  const body = size - PREFIX_LENGTH - TAG_LENGTH;
  if (body === 0) throw damaged();
  const read = createReadStream(file, { start: PREFIX_LENGTH, end: PREFIX_LENGTH + body - 1 });
  return { read, decipher };
}

export function damaged(): BackupError {
  return new BackupError('the backup file is damaged or incomplete; nothing was restored from it');
}

/** Any error met while reading a backup, as one plain line. */
export function readError(e: unknown): Error {
  if (e instanceof BackupError) return e;
  const err = e as NodeJS.ErrnoException;
  // GCM's failed tag check, zlib's errors and a cut-short dump all mean the same to the operator.
  if (/authenticate|Z_|zlib|incorrect header|unexpected end|invalid/i.test(`${err.code ?? ''} ${err.message ?? ''}`)) return damaged();
  return err;
}
