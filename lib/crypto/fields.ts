import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

// Sensitive free text (safe contact, notes, staff logs) is encrypted at rest with AES-256-GCM under
// ENCRYPTION_KEY. Layout of a stored value: version (1 byte) | IV (12) | auth tag (16) | ciphertext.
// The record's id and column name are bound as associated data, so a ciphertext copied into another
// row or column fails to decrypt instead of showing up in the wrong place.
const VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

function key(): Buffer {
  const raw = process.env.ENCRYPTION_KEY;
  const buf = raw ? Buffer.from(raw, 'base64') : Buffer.alloc(0);
  if (buf.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes in base64');
  return buf;
}

/** Encrypts text for one column of one record. Empty or missing text stays null. */
export function encryptField(plaintext: string | null | undefined, context: string): Uint8Array<ArrayBuffer> | null {
  if (plaintext == null || plaintext === '') return null;
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key(), iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  const out = new Uint8Array(1 + IV_BYTES + TAG_BYTES + body.length);
  out[0] = VERSION;
  out.set(iv, 1);
  out.set(cipher.getAuthTag(), 1 + IV_BYTES);
  out.set(body, 1 + IV_BYTES + TAG_BYTES);
  return out;
}

/** Decrypts a stored value; throws if it was tampered with, moved, or encrypted under another key. */
export function decryptField(stored: Uint8Array | null | undefined, context: string): string | null {
  if (!stored || stored.length === 0) return null;
  const buf = Buffer.from(stored);
  if (buf[0] !== VERSION || buf.length < 1 + IV_BYTES + TAG_BYTES) throw new Error('unreadable encrypted value');
  const decipher = createDecipheriv('aes-256-gcm', key(), buf.subarray(1, 1 + IV_BYTES));
  decipher.setAAD(Buffer.from(context, 'utf8'));
  decipher.setAuthTag(buf.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(buf.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]).toString('utf8');
}
