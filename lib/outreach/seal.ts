// Sealing an outreach entry on the phone so that the phone cannot open it again: hybrid encryption
// to the server's public key (ECDH P-256 with a fresh key pair per entry, HKDF-SHA-256, AES-256-GCM).
// The phone keeps only the server's public key; the matching private key never leaves the server and
// is destroyed at sign-out and lock, after which a copied queue is unreadable by anyone.
// WebCrypto only, so the same file runs in the browser (sealing) and in Node (opening, and tests).

export const SEAL_VERSION = 1;

export type Sealed = {
  v: typeof SEAL_VERSION;
  /** Which server key it was sealed to (a random id, not the session's). */
  kid: string;
  /** The entry's own public key (JWK, P-256). */
  epk: JsonWebKey;
  iv: string;
  ct: string;
};

const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO = new TextEncoder().encode('lantern outreach queue v1');

const toBase64 = (bytes: Uint8Array) => btoa(String.fromCharCode(...bytes));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function aesKey(privateKey: CryptoKey, publicKey: CryptoKey, usage: KeyUsage): Promise<CryptoKey> {
  const shared = await crypto.subtle.deriveBits({ name: 'ECDH', public: publicKey }, privateKey, 256);
  const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
  return crypto.subtle.deriveKey({ name: 'HKDF', hash: 'SHA-256', salt: new Uint8Array(32), info: INFO }, hkdf, { name: 'AES-GCM', length: 256 }, false, [
    usage,
  ]);
}

/** Seals any JSON value to the server key `serverKey` (a P-256 public JWK) named `kid`. */
export async function seal(value: unknown, serverKey: JsonWebKey, kid: string): Promise<Sealed> {
  const server = await crypto.subtle.importKey('jwk', serverKey, CURVE, false, []);
  const mine = (await crypto.subtle.generateKey(CURVE, true, ['deriveBits'])) as CryptoKeyPair;
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const key = await aesKey(mine.privateKey, server, 'encrypt');
  const plain = new TextEncoder().encode(JSON.stringify(value));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(kid) }, key, plain));
  const epk = await crypto.subtle.exportKey('jwk', mine.publicKey);
  return { v: SEAL_VERSION, kid, epk: { kty: epk.kty, crv: epk.crv, x: epk.x, y: epk.y }, iv: toBase64(iv), ct: toBase64(ct) };
}

/** Opens a sealed value with the server's private ECDH key; throws if it was altered or sealed to another key. */
export async function unseal(sealed: Sealed, serverPrivateKey: CryptoKey): Promise<unknown> {
  const theirs = await crypto.subtle.importKey('jwk', sealed.epk, CURVE, false, []);
  const key = await aesKey(serverPrivateKey, theirs, 'decrypt');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: new TextEncoder().encode(sealed.kid) },
    key,
    fromBase64(sealed.ct),
  );
  return JSON.parse(new TextDecoder().decode(plain));
}
