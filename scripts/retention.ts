// `npm run retention -- --dry-run` prints how many participant records have had no activity for
// the retention period (the `retention.months` setting) and would be de-identified; without
// --dry-run it de-identifies them, 500 per transaction, audited. It prints counts, never who.
import { register } from 'node:module';
import { parseArgs } from 'node:util';
import { formatDate } from '../lib/calendar/index.ts';

// The data layer marks its modules with Next's `server-only`, which refuses to load outside a
// React server bundle. This command is the server: resolve the marker to an empty module.
register(
  'data:text/javascript,' +
    encodeURIComponent(
      `export async function resolve(specifier, context, next) {
        return specifier === 'server-only' ? { url: 'data:text/javascript,', shortCircuit: true } : next(specifier, context);
      }`,
    ),
);

const { OPERATOR, previewRetention, runRetention } = await import('../lib/participants/retention.ts');
const { getDb } = await import('../lib/db/client.ts');

const day = (d: Date) => formatDate(d.toISOString());

async function main(): Promise<number> {
  let dryRun: boolean;
  try {
    dryRun = !!parseArgs({ options: { 'dry-run': { type: 'boolean' } } }).values['dry-run'];
  } catch {
    console.error('usage: npm run retention [-- --dry-run]');
    return 1;
  }
  const url = process.env.DATABASE_URL;
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    console.error('retention: DATABASE_URL must be set to a postgresql:// URL');
    return 1;
  }
  try {
    if (dryRun) {
      const { count, months, cutoff } = await previewRetention(OPERATOR);
      console.log(`${count} participant record(s) with no activity since ${day(cutoff)} (${months} months) would be de-identified.`);
      console.log('Nothing was changed. Run without --dry-run to de-identify them.');
    } else {
      const { count, months, cutoff, batches } = await runRetention(OPERATOR);
      console.log(`De-identified ${count} participant record(s) with no activity since ${day(cutoff)} (${months} months), in ${batches} batch(es).`);
    }
    return 0;
  } finally {
    await getDb().$disconnect();
  }
}

process.exit(await main());
