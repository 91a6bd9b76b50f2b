import { describe, expect, it } from 'vitest';
import { clientAddressFrom, parseTrustedProxies } from './client-address.mjs';

describe('the client address', () => {
  it('is the socket’s peer when no proxy is trusted, whatever X-Forwarded-For claims', () => {
    expect(clientAddressFrom('203.0.113.7', '198.51.100.1', null)).toBe('203.0.113.7');
    expect(clientAddressFrom('::ffff:203.0.113.7', '1.2.3.4, 5.6.7.8', null)).toBe('203.0.113.7');
    expect(clientAddressFrom(undefined, '1.2.3.4', null)).toBe('unknown');
  });

  it('with a hop count, is the entry that many places from the right; a client’s own entries further left are ignored', () => {
    const one = parseTrustedProxies('1');
    expect(clientAddressFrom('10.0.0.5', '203.0.113.7', one)).toBe('203.0.113.7');
    expect(clientAddressFrom('10.0.0.5', 'spoofed-by-client, 198.51.100.9, 203.0.113.7', one)).toBe('203.0.113.7');
    expect(clientAddressFrom('10.0.0.5', '1.1.1.1, 203.0.113.7, 10.0.0.4', parseTrustedProxies('2'))).toBe('203.0.113.7');
    expect(clientAddressFrom('10.0.0.5', undefined, one)).toBe('10.0.0.5'); // nothing forwarded: the peer itself
    expect(clientAddressFrom('10.0.0.5', 'not-an-address', one)).toBe('10.0.0.5'); // garbage is not believed
  });

  it('with addresses, skips the trusted ones from the socket leftwards', () => {
    const trusted = parseTrustedProxies('10.0.0.5, 10.0.0.4');
    expect(clientAddressFrom('10.0.0.5', '1.1.1.1, 203.0.113.7, 10.0.0.4', trusted)).toBe('203.0.113.7');
    // A request that did not come through a trusted proxy: its own header is not believed.
    expect(clientAddressFrom('198.51.100.2', '10.0.0.4', trusted)).toBe('198.51.100.2');
  });

  it('reads the setting strictly', () => {
    expect(parseTrustedProxies('')).toBeNull();
    expect(parseTrustedProxies(undefined)).toBeNull();
    expect(parseTrustedProxies('2')).toEqual({ hops: 2 });
    expect(parseTrustedProxies(' ::ffff:10.0.0.1 ,fd00::1')).toEqual({ addresses: ['10.0.0.1', 'fd00::1'] });
    expect(() => parseTrustedProxies('0')).toThrow(/between 1 and 10/);
    expect(() => parseTrustedProxies('10.0.0.0/8')).toThrow(/not "10.0.0.0\/8"/);
  });
});
