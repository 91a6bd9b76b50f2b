// `npm test`: every check, in order of cost, stopping at the first failure.
// Data-layer and end-to-end tests use DATABASE_URL's server when it is set (a fresh database per
// run), otherwise the embedded PostgreSQL in a temporary directory.
import { spawn } from 'node:child_process';
import { ensureChromium } from './lib/browser.ts';

type Step = { name: string; cmd: string; args: string[] };

const bin = (name: string) => `node_modules/.bin/${name}`;
const STEPS: Step[] = [
  { name: 'types', cmd: bin('tsc'), args: ['--noEmit'] },
  { name: 'lint', cmd: bin('eslint'), args: ['--max-warnings=0', '.'] },
  // One layout for every file (Prettier): `npm run format` writes it.
  { name: 'format', cmd: bin('prettier'), args: ['--check', '.'] },
  { name: 'unit', cmd: bin('vitest'), args: ['run', '--project', 'unit'] },
  { name: 'data layer', cmd: bin('vitest'), args: ['run', '--project', 'db'] },
  { name: 'build', cmd: bin('next'), args: ['build'] },
  { name: 'end-to-end', cmd: bin('playwright'), args: ['test'] },
];

function run(step: Step): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, {
      stdio: 'inherit',
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', FORCE_COLOR: process.env.CI ? '0' : '1' },
    });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(1));
  });
}

const only = process.argv.slice(2);
const steps = only.length ? STEPS.filter((s) => only.includes(s.name.split(' ')[0]!)) : STEPS;
const results: { name: string; seconds: number; ok: boolean }[] = [];
for (const step of steps) {
  // A fresh machine may have no browser: get one, or say how, before spending minutes on the build.
  if (step.name === 'build' && steps.some((s) => s.name === 'end-to-end')) {
    const problem = ensureChromium();
    if (problem) {
      console.error(`\n${problem}`);
      results.push({ name: 'browser', seconds: 0, ok: false });
      break;
    }
  }
  console.log(`\n▶ ${step.name}`);
  const started = Date.now();
  const code = await run(step);
  results.push({ name: step.name, seconds: (Date.now() - started) / 1000, ok: code === 0 });
  if (code !== 0) break;
}

console.log('\n  check         time     result');
for (const r of results) console.log(`  ${r.name.padEnd(12)} ${r.seconds.toFixed(1).padStart(6)} s   ${r.ok ? 'ok' : 'FAILED'}`);
const failed = results.filter((r) => !r.ok).length;
const skipped = steps.length - results.filter((r) => r.name !== 'browser').length;
console.log(`checks: ${results.length - failed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed ? 1 : 0);
