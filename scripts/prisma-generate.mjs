// Runs `prisma generate` on machines that cannot download Prisma's native schema engine.
// `prisma generate` does not use the schema engine, but the CLI refuses to start without one;
// pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies that check. Where the real
// engine exists (a normal machine), nothing is overridden and every standard Prisma command works.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const env = { ...process.env, CHECKPOINT_DISABLE: '1', PRISMA_HIDE_UPDATE_MESSAGE: '1' };
const enginesDir = path.join('node_modules', '@prisma', 'engines');
const hasEngine = existsSync(enginesDir) && readdirSync(enginesDir).some((f) => f.startsWith('schema-engine'));
if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !hasEngine) {
  env.PRISMA_SCHEMA_ENGINE_BINARY = path.resolve('package.json');
}
const bin = path.join('node_modules', '.bin', 'prisma');
const result = spawnSync(bin, ['generate'], { stdio: 'inherit', env, shell: process.platform === 'win32' });
process.exit(result.status ?? 1);
