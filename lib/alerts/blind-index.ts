import { createHmac, hkdfSync } from 'node:crypto';
import { indexMaterial, keyMaterial, queryMaterial, type Indexable, type Material } from './normalize.ts';

// A keyed blind index: search matches parts of plates, phone numbers and handles, and words, without
// any of them stored in plaintext. Each piece of material (lib/alerts/normalize.ts) is stored as
// HMAC-SHA256 under a key derived from ENCRYPTION_KEY with HKDF and its own label, so the tokens are
// useless without the key and cannot be matched against another table's. Truncated to 128 bits.

const INFO = 'lantern:alert-report:blind-index:v1';
let cached: { raw: string; key: Buffer } | undefined;

function indexKey(): Buffer {
  const raw = process.env.ENCRYPTION_KEY ?? '';
  if (cached?.raw === raw) return cached.key;
  const master = Buffer.from(raw, 'base64');
  if (master.length !== 32) throw new Error('ENCRYPTION_KEY must be 32 bytes in base64');
  const key = Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), INFO, 32));
  cached = { raw, key };
  return key;
}

export function token(material: Material): string {
  return createHmac('sha256', indexKey()).update(material, 'utf8').digest().subarray(0, 16).toString('base64url');
}

export const tokens = (material: Material[]): string[] => material.map(token);

export function indexTokens(fields: Indexable): string[] {
  return tokens(indexMaterial(fields));
}

export function keyTokens(fields: { plate?: string | null; phone?: string | null }): string[] {
  return tokens(keyMaterial(fields));
}

/** Each reading of a query as the tokens a matching report holds all of. */
export function queryTokens(query: string): string[][] {
  return queryMaterial(query).map(tokens);
}
