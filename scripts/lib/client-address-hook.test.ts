import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterEach, describe, expect, it } from 'vitest';

// The hook in front of Next, for real: a Node HTTP server started with `--import` the hook
// answers with the address the app would read. A client sending its own X-Forwarded-For (and
// its own copy of the app's header) from 127.0.0.1, with and without a trusted proxy.
const HOOK = new URL('./client-address-hook.mjs', import.meta.url).href;
const SERVER = `
  const http = require('node:http');
  const s = http.createServer((req, res) => res.end(req.headers['x-lantern-client-address'] + '|' + !!globalThis[Symbol.for('lantern.client-address-hook')]));
  s.listen(0, '127.0.0.1', () => process.stdout.write(s.address().port + '\\n'));`;

const children: ReturnType<typeof spawn>[] = [];
afterEach(() => children.splice(0).forEach((c) => c.kill()));

async function serve(trustedProxies?: string): Promise<(headers: Record<string, string>) => Promise<string>> {
  const child = spawn(process.execPath, ['--import', HOOK, '-e', SERVER], {
    env: { ...process.env, TRUSTED_PROXIES: trustedProxies ?? '' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  children.push(child);
  const [chunk] = (await once(child.stdout!, 'data')) as [Buffer];
  const port = Number(chunk.toString().trim());
  return async (headers) => (await fetch(`http://127.0.0.1:${port}/`, { headers })).text();
}

describe('the client-address hook', { timeout: 30_000 }, () => {
  it('without a trusted proxy, a spoofed X-Forwarded-For changes nothing: the address is the socket’s', async () => {
    const get = await serve();
    expect(await get({})).toBe('127.0.0.1|true');
    expect(await get({ 'X-Forwarded-For': '203.0.113.7' })).toBe('127.0.0.1|true');
    expect(await get({ 'X-Forwarded-For': '203.0.113.7', 'X-Lantern-Client-Address': '198.51.100.1' })).toBe('127.0.0.1|true');
  });

  it('behind one trusted proxy, the proxy’s entry is the address, and the client’s own entries are not', async () => {
    const get = await serve('1');
    expect(await get({ 'X-Forwarded-For': '203.0.113.7' })).toBe('203.0.113.7|true');
    expect(await get({ 'X-Forwarded-For': '198.51.100.1, 203.0.113.7' })).toBe('203.0.113.7|true');
    const byAddress = await serve('127.0.0.1');
    expect(await byAddress({ 'X-Forwarded-For': '198.51.100.1, 203.0.113.7' })).toBe('203.0.113.7|true');
  });
});
