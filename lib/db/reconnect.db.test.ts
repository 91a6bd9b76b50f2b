import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedDatabase } from './embedded.ts';
import { createDb } from './create.ts';

// The app keeps one pool for its lifetime. When PostgreSQL restarts, requests in between fail
// fast (health answers 503) and the same pool serves again once the server is back: no restart
// of the app. An embedded server is used here because the test has to stop and start it.
describe('database restart', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'lantern-restart-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails fast while the server is down and recovers by itself', async () => {
    let server = await startEmbeddedDatabase({ dataDir: dir, port: 0, log: () => {} });
    const port = new URL(server.url).port;
    const db = createDb(server.url, 3);
    try {
      expect(await db.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
      await server.close();

      const started = Date.now();
      await expect(db.$queryRaw`SELECT 1`).rejects.toThrow();
      expect(Date.now() - started).toBeLessThan(10_000);

      server = await startEmbeddedDatabase({ dataDir: dir, port: Number(port), log: () => {} });
      let recovered = false;
      for (let i = 0; i < 20 && !recovered; i++) {
        recovered = await db.$queryRaw`SELECT 1`.then(
          () => true,
          () => false,
        );
        if (!recovered) await new Promise((r) => setTimeout(r, 250));
      }
      expect(recovered).toBe(true);
    } finally {
      await db.$disconnect();
      await server.close();
    }
  });
});
