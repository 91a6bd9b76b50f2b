// Serves the demo's embedded database (.data/pglite) on its own, for psql or other tools:
//   tsx scripts/db.ts [--port 54329]
// It cannot run while `npm run demo`/`npm run dev` is running: one process owns the directory;
// connect to the URL that process printed instead (the same one, by default).
import { startEmbeddedDatabase, type EmbeddedDatabase } from '../lib/db/embedded.ts';

const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 54329;
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error('usage: tsx scripts/db.ts [--port N]');
  process.exit(2);
}

let db: EmbeddedDatabase;
try {
  db = await startEmbeddedDatabase({ dataDir: '.data/pglite', port });
} catch (err) {
  console.error(`Cannot start the embedded database: ${(err as Error).message}`);
  process.exit(1);
}

console.log(`Embedded PostgreSQL (PGlite) is serving .data/pglite at\n\n  ${db.url}\n`);
console.log(`  psql ${db.url}\n\nPress Ctrl-C to stop.`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  await db.close();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
