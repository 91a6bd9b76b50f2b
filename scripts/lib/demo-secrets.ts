// Secrets for the demo. Generated once and kept in .data/demo-secrets.json (readable by the owner
// only), so a second run can still read its sessions and its encrypted fields. Environment
// variables, when set, take precedence and are not written anywhere.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export type DemoSecrets = { AUTH_SECRET: string; ENCRYPTION_KEY: string };

export function loadDemoSecrets(file: string, env: NodeJS.ProcessEnv = process.env): DemoSecrets & { generated: boolean } {
  const stored: Partial<DemoSecrets> = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const kept: DemoSecrets = {
    AUTH_SECRET: stored.AUTH_SECRET ?? randomBytes(32).toString('base64'),
    ENCRYPTION_KEY: stored.ENCRYPTION_KEY ?? randomBytes(32).toString('base64'),
  };
  const generated = kept.AUTH_SECRET !== stored.AUTH_SECRET || kept.ENCRYPTION_KEY !== stored.ENCRYPTION_KEY;
  const needed = !env.AUTH_SECRET || !env.ENCRYPTION_KEY;
  if (generated && needed) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `${JSON.stringify(kept, null, 2)}\n`, { mode: 0o600 });
    chmodSync(file, 0o600); // `mode` applies only when the file is created
  }
  return {
    AUTH_SECRET: env.AUTH_SECRET || kept.AUTH_SECRET,
    ENCRYPTION_KEY: env.ENCRYPTION_KEY || kept.ENCRYPTION_KEY,
    generated: generated && needed,
  };
}
