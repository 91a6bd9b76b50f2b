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
        {
          name: 'later feature',
          targetP95Ms: 10,
          run: async () => {
            throw new SkipScenario('not built yet');
          },
        },
        {
          name: 'broken',
          targetP95Ms: 10,
          run: async () => {
            throw new Error('connection refused\nstack…');
          },
        },
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

describe('scenarios with a baseline', () => {
  const compared = (name: string, samples: number[], baseline: number[], ratioGoal = 1.5, targetP95Ms = 1000): Scenario<unknown> => ({
    name,
    targetP95Ms,
    ratioGoal,
    run: async () => ({ samples, baseline: { name: 'psql', samples: baseline } }),
  });

  it('passes only when both the p95 target and the ratio of p50s to the baseline hold', async () => {
    const [close, slow, overTarget] = await runScenarios(
      [
        compared('close', [140, 150, 160], [100, 100, 100]),
        compared('slow', [150, 160, 170], [100, 100, 100]),
        compared('over', [140, 150, 1200], [100, 100, 100]),
      ],
      null,
      () => {},
    );
    expect(close).toMatchObject({ status: 'pass', comparison: { name: 'psql', ratio: 1.5, goal: 1.5, baseline: { p50: 100 } } });
    expect(slow).toMatchObject({ status: 'fail', comparison: { ratio: 1.6 } });
    expect(overTarget).toMatchObject({ status: 'fail', comparison: { ratio: 1.5 } });
  });

  it('refuses a baseline without a goal to judge it by', async () => {
    const [o] = await runScenarios(
      [{ name: 'no goal', targetP95Ms: 10, run: async () => ({ samples: [1], baseline: { name: 'psql', samples: [1] } }) }],
      null,
      () => {},
    );
    expect(o).toMatchObject({ status: 'error', reason: expect.stringMatching(/ratioGoal/) });
  });

  it('prints the goal in the target column and the two p50s with their ratio under the table', async () => {
    const outcomes = await runScenarios([fixed('plain', [1, 2, 3]), compared('report aggregates', [300, 310, 320], [200, 250, 260])], null, () => {});
    const lines = formatTable(outcomes).split('\n');
    expect(lines[3]).toMatch(/^report aggregates\s+3\s+310 ms\s+320 ms\s+320 ms\s+p95 ≤ 1000 ms, p50 ≤ 1\.50× raw\s+pass$/);
    expect(lines[4]).toBe('  report aggregates — p50 310 ms here, 250 ms raw through psql (p95 260 ms, n 3): 1.24×, goal ≤ 1.50×');
  });
});

describe('formatTable', () => {
  it('prints one aligned row per scenario, with reasons for those that did not run', async () => {
    const outcomes = await runScenarios(
      [
        fixed('alias/code search', [3.25, 4, 12.4], 30),
        fixed('save a visit', [60, 70, 80], 50),
        {
          name: 'Today page',
          targetP95Ms: 150,
          run: async () => {
            throw new SkipScenario('no build');
          },
        },
      ],
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
