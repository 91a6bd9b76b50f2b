// Which address a request came from, for throttling. Plain JavaScript because it also runs as a
// Node preload hook in front of Next (scripts/lib/client-address-hook.mjs), before any TypeScript
// loader exists; lib/auth/client-address.d.mts types it for the app and the tests.
//
// The rule: the address is the TCP peer (the socket), whatever headers the client sends, unless
// the TRUSTED_PROXIES setting names the proxies in front of the app:
// - a hop count ("1", "2"): that many proxies, each appending to X-Forwarded-For; the client is
//   the entry that many places from the right of the chain [...X-Forwarded-For, socket];
// - addresses ("10.0.0.5, 10.0.0.6"): walking the chain from the socket leftwards, every trusted
//   address is skipped and the first untrusted one is the client.
// A chain shorter than claimed yields its left-most entry. Entries that are not IP addresses are
// not believed: the walk stops at the last address it could trust.

import { isIP } from 'node:net';

/** "::ffff:10.0.0.1" and "10.0.0.1" are one address. */
export function normaliseAddress(address) {
  const a = String(address ?? '')
    .trim()
    .toLowerCase();
  return a.startsWith('::ffff:') && isIP(a.slice(7)) === 4 ? a.slice(7) : a;
}

/** Reads TRUSTED_PROXIES: null (none), { hops }, or { addresses }. Throws a plain reason when malformed. */
export function parseTrustedProxies(value) {
  const text = String(value ?? '').trim();
  if (!text) return null;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 10) throw new Error('TRUSTED_PROXIES as a hop count must be between 1 and 10');
    return { hops };
  }
  const addresses = text.split(',').map(normaliseAddress).filter(Boolean);
  const bad = addresses.find((a) => !isIP(a));
  if (bad !== undefined) throw new Error(`TRUSTED_PROXIES must be a hop count or IP addresses separated by commas, not "${bad}"`);
  return { addresses };
}

/** The client's address from the socket's peer, the X-Forwarded-For header and the trusted proxies. */
export function clientAddressFrom(socketAddress, forwardedFor, trusted) {
  const socket = normaliseAddress(socketAddress) || 'unknown';
  if (!trusted) return socket;
  const header = Array.isArray(forwardedFor) ? forwardedFor.join(',') : String(forwardedFor ?? '');
  const chain = [...header.split(',').map(normaliseAddress).filter(Boolean), socket];
  if ('hops' in trusted) {
    for (let i = chain.length - 1, skipped = 0; i >= 0; i--, skipped++) {
      if (!isIP(chain[i])) return chain[i + 1] ?? socket;
      if (skipped === trusted.hops || i === 0) return chain[i];
    }
    return socket;
  }
  const trustedSet = new Set(trusted.addresses);
  for (let i = chain.length - 1; i >= 0; i--) {
    if (!isIP(chain[i])) return chain[i + 1] ?? socket;
    if (!trustedSet.has(chain[i]) || i === 0) return chain[i];
  }
  return socket;
}

/** The header the hook sets on every request, replacing any a client sent. */
export const CLIENT_ADDRESS_HEADER = 'x-lantern-client-address';
/** Set by the hook in the server's process: without it, the header above could have come from anyone. */
export const HOOK_MARK = Symbol.for('lantern.client-address-hook');
