// Loaded with `node --import` in front of `next start` (scripts/start.ts, the demo, the e2e
// server). Next copies a client's own X-Forwarded-For through untouched, so the app cannot tell
// the real peer from a claimed one; this hook sees the socket first and writes the address the
// rule in lib/auth/client-address.mjs decides into one header, replacing whatever a client sent.
import http from 'node:http';
import { CLIENT_ADDRESS_HEADER, HOOK_MARK, clientAddressFrom, parseTrustedProxies } from '../../lib/auth/client-address.mjs';

const trusted = parseTrustedProxies(process.env.TRUSTED_PROXIES);
const emit = http.Server.prototype.emit;
http.Server.prototype.emit = function emitWithClientAddress(event, ...args) {
  const req = args[0];
  if (event === 'request' && req && req.headers) {
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddressFrom(req.socket?.remoteAddress, req.headers['x-forwarded-for'], trusted);
  }
  return emit.call(this, event, ...args);
};
globalThis[HOOK_MARK] = true;
