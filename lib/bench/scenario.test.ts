import { describe, expect, it } from 'vitest';
import { formatTable, runScenarios, SkipScenario, type Scenario } from './scenario.ts';

const fixed = (name: string, samples: number[], targetP95Ms = 30): Scenario<unknown> => ({ name, targetP95Ms, run: async () => samples });

describe('runScenarios', () => {
  it('passes a scenario whose p95 meets its target and fails one that misses it', async () => {
    const samples = Array.from({ length: 20 }, (_, i) => i + 1); // p95 = 19
    const [meets, misses] = await runScenarios([fixed('meets', samples, 19), fixed('misses', samples, 18)], null, () => {});
    expect(meets).toMatchObject({ status: 'pass', summary: { n: 20, p50: 10, p95: 19, max: 20 } });
    expect(misses).toMatchObject({ status: 'fail' });
  });

  it('records skipped and broken scenarios and carries on', async () => {
    const log: string[] = [];
    const outcomes = await runScenarios(
      [
        { name: 'later feature', targetP95Ms: 10, run: async () => { throw new SkipScenario('not built yet'); } },
        { name: 'broken', targetP95Ms: 10, run: async () => { throw new Error('connection refused\nstack…'); } },
        fixed('fine', [1, 2, 3]),
      ],
      null,
      (m) => log.push(m),
    );
    expect(outcomes.map((o) => o.status)).toEqual(['skipped', 'error', 'pass']);
    expect(outcomes[1]).toMatchObject({ reason: 'connection refused' });
    expect(log).toEqual(['▸ later feature', '▸ broken', '▸ fine']);
  });
});

describe('formatTable', () => {
  it('prints one aligned row per scenario, with reasons for those that did not run', async () => {
    const outcomes = await runScenarios(
      [fixed('alias/code search', [3.25, 4, 12.4], 30), fixed('save a visit', [60, 70, 80], 50), { name: 'Today page', targetP95Ms: 150, run: async () => { throw new SkipScenario('no build'); } }],
      null,
      () => {},
    );
    const lines = formatTable(outcomes).split('\n');
    expect(lines[0]).toMatch(/^scenario\s+n\s+p50\s+p95\s+max\s+target\s+result$/);
    expect(lines[2]).toMatch(/^alias\/code search\s+3\s+4\.0 ms\s+12 ms\s+12 ms\s+p95 ≤ 30 ms\s+pass$/);
    expect(lines[3]).toMatch(/^save a visit\s+3\s+70 ms\s+80 ms\s+80 ms\s+p95 ≤ 50 ms\s+FAIL$/);
    expect(lines[4]).toMatch(/^Today page\s+—\s+—\s+—\s+—\s+p95 ≤ 150 ms\s+skipped$/);
    expect(lines[5]).toBe('  Today page — skipped: no build');
    // Columns line up: every row puts "p95 ≤" at the same place.
    expect(new Set(lines.slice(2, 5).map((l) => l.indexOf('p95 ≤'))).size).toBe(1);
  });
});
