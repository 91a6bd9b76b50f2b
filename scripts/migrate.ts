// `npm run migrate`: applies pending prisma/migrations to DATABASE_URL, recorded exactly as
// `prisma migrate deploy` would record them (see lib/db/migrate.ts for why we do it ourselves).
import { migrate } from '../lib/db/migrate.ts';
import { EnvSchema } from '../lib/env.ts';

function fail(reason: string): never {
  console.error(`Lantern cannot migrate: ${reason.replace(/\s+/g, ' ').trim()}`);
  process.exit(1);
}

// The same rule `npm start` applies, so a URL accepted here is accepted there.
const url = EnvSchema.shape.DATABASE_URL.safeParse(process.env.DATABASE_URL);
if (!url.success) fail(`DATABASE_URL ${url.error.issues[0]?.message ?? 'is invalid'}`);

try {
  const { applied } = await migrate(url.data, { log: (m) => console.log(m) });
  console.log(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.');
} catch (e) {
  fail((e as Error).message ?? String(e));
}
