// `npm run bench`: builds (or reuses) a deterministic dataset of 50,000 participants and 1,000,000
// visits, with the other features' records at the same scale, in the `lantern_bench` database on
// DATABASE_URL's server, measures every registered scenario and prints one table. Options:
// --only <text>[,<text>…] runs the scenarios whose name contains one of the texts; --rebuild
// rebuilds the dataset; --reuse-build takes the app's last build even if sources changed since (to
// repeat a measurement). BENCH_PORT fixes the app's port.
import './bench/server-only.ts';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { formatTable, runScenarios } from './bench/scenario.ts';
import { migrate } from '../lib/db/migrate.ts';
import { prepareRuntimeRole } from '../lib/db/runtime-role.ts';
import { createContext } from './bench/context.ts';
import { datasetVersion, openBenchDatabase, serverUrl } from './bench/database.ts';
import { BENCH_ENCRYPTION_KEY, buildDataset, DATASET } from './bench/dataset.ts';
import { SCENARIOS } from './bench/registry.ts';
import { prepareRun } from './bench/run-state.ts';

const root = path.resolve(import.meta.dirname, '..');
const started = Date.now();
const log = (m: string) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}`);

function options() {
  const { values } = parseArgs({
    options: { only: { type: 'string' }, rebuild: { type: 'boolean', default: false }, 'reuse-build': { type: 'boolean', default: false } },
  });
  const only = values.only
    ?.split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  const scenarios = only ? SCENARIOS.filter((s) => only.some((o) => s.name.toLowerCase().includes(o))) : SCENARIOS;
  if (!scenarios.length) throw new Error(`no scenario matches --only ${values.only}; they are: ${SCENARIOS.map((s) => s.name).join('; ')}`);
  const port = process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : undefined;
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536))
    throw new Error(`BENCH_PORT must be a port number, not "${process.env.BENCH_PORT}"`);
  return { scenarios, port, rebuild: values.rebuild, reuseBuild: values['reuse-build'] };
}

async function main(): Promise<number> {
  const { scenarios, port, rebuild, reuseBuild } = options();
  // The dataset's encrypted text is written and read (here and by the app) with the benchmark's own key.
  process.env.ENCRYPTION_KEY = BENCH_ENCRYPTION_KEY;
  const server = serverUrl();
  if (server.note) log(server.note);
  const bench = await openBenchDatabase(server.url, datasetVersion(DATASET, root), log, rebuild);
  const sql = new pg.Client({ connectionString: bench.url });
  let stopApp = async () => {};
  try {
    if (bench.fresh) {
      await migrate(bench.url, { log: () => {} });
      await sql.connect();
      await buildDataset(sql, log);
      await bench.markBuilt();
    } else {
      await sql.connect();
    }
    const runner = await prepareRun(sql, log);
    // The data layer (loaded in this process by the scenarios, reading DATABASE_URL on first use)
    // and the app connect as the runtime role, as under `npm start`; `sql` is the owner's.
    const appUrl = await prepareRuntimeRole(bench.url);
    process.env.DATABASE_URL = appUrl;
    const { ctx, stop, memory } = createContext({ root, sql, runner, databaseUrl: appUrl, port, reuseBuild, log });
    stopApp = stop;
    const loadBefore = os.loadavg()[0]!;
    const outcomes = await runScenarios(scenarios, ctx, log);
    console.log(`\nLantern benchmark: ${DATASET.participants.toLocaleString('en-CA')} participants, ${DATASET.visits.toLocaleString('en-CA')} visits\n`);
    console.log(formatTable(outcomes));
    // The app's memory once the HTTP scenarios have loaded it (issue 18 asked for about 400 MiB).
    const mem = memory();
    if (mem) {
      const cap = /--max-old-space-size=\d+/.exec(process.env.NODE_OPTIONS ?? '')?.[0];
      console.log(
        `\napp memory after the HTTP scenarios: ${mem.rssMiB} MiB resident, peak ${mem.peakMiB} MiB ` +
          `(${cap ? `NODE_OPTIONS ${cap}` : 'no heap cap; README: NODE_OPTIONS=--max-old-space-size=384 keeps it under about 400 MiB'})`,
      );
    }
    console.log(`\n${machine(loadBefore)}\n`);
    return outcomes.some((o) => o.status === 'fail' || o.status === 'error') ? 1 : 0;
  } finally {
    await stopApp();
    const { closeDb } = await import('../lib/db/test/open-db.ts');
    await closeDb();
    await sql.end().catch(() => {});
    await bench.release();
  }
}

// Figures mean little on a machine busy with other work: say how busy it was before the
// scenarios started (afterwards the load includes the benchmark's own app and database).
function machine(loadBefore: number): string {
  const cores = os.availableParallelism();
  const busy = loadBefore > cores / 2 ? ` — other work was running: these figures are slower than an idle machine's` : '';
  return `${cores} cores, load average ${loadBefore.toFixed(1)} before and ${os.loadavg()[0]!.toFixed(1)} after the scenarios${busy}`;
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    console.error(`bench: ${error.message}`);
    process.exit(1);
  },
);
