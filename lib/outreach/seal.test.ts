import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seal, unseal } from './seal.ts';

// Both halves run on WebCrypto, so Node plays the phone (seal) and the server (unseal).

const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
async function serverPair() {
  const pair = (await webcrypto.subtle.generateKey(CURVE, true, ['deriveBits'])) as CryptoKeyPair;
  return { privateKey: pair.privateKey, publicJwk: await webcrypto.subtle.exportKey('jwk', pair.publicKey) };
}
const ENTRY = { type: 'contact.add', payload: { id: 'c1', participantId: 'Robin Finch K7Q-4M2', kindIds: ['k'] } };

describe('sealing a queued entry', () => {
  it('is opened by the server’s private key and hides the entry', async () => {
    const server = await serverPair();
    const sealed = await seal(ENTRY, server.publicJwk, 'kid-1');
    expect(JSON.stringify(sealed)).not.toContain('Finch');
    expect(sealed.epk).not.toHaveProperty('d'); // the entry's own private key is not kept
    expect(await unseal(sealed, server.privateKey)).toEqual(ENTRY);
  });

  it('cannot be opened with another key, once the server key is gone', async () => {
    const [server, other] = [await serverPair(), await serverPair()];
    const sealed = await seal(ENTRY, server.publicJwk, 'kid-1');
    await expect(unseal(sealed, other.privateKey)).rejects.toThrow();
  });

  it('refuses an altered ciphertext or a changed key id', async () => {
    const server = await serverPair();
    const sealed = await seal(ENTRY, server.publicJwk, 'kid-1');
    const bytes = Uint8Array.from(atob(sealed.ct), (c) => c.charCodeAt(0));
    bytes[0] = bytes[0]! ^ 1;
    await expect(unseal({ ...sealed, ct: btoa(String.fromCharCode(...bytes)) }, server.privateKey)).rejects.toThrow();
    await expect(unseal({ ...sealed, kid: 'kid-2' }, server.privateKey)).rejects.toThrow();
  });

  it('gives a different ciphertext each time (fresh key and IV per entry)', async () => {
    const server = await serverPair();
    const [a, b] = [await seal(ENTRY, server.publicJwk, 'k'), await seal(ENTRY, server.publicJwk, 'k')];
    expect(a.ct).not.toBe(b.ct);
    expect(a.epk.x).not.toBe(b.epk.x);
  });
});
