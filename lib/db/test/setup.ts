import { afterAll, afterEach, beforeEach, inject } from 'vitest';
import { fixClock } from '../../calendar/clock.ts';
import { resetDatabase, closeTestDb } from './reset.ts';
import { workerDatabase } from './worker-database.ts';

// On a server, this worker's own copy of the migrated template (files run in parallel, one per worker).
const { databaseUrl, ownerUrl } = inject('templateName')
  ? await workerDatabase(inject('serverUrl'), inject('templateName'), process.env.VITEST_POOL_ID ?? '1')
  : { databaseUrl: inject('databaseUrl'), ownerUrl: inject('ownerUrl') };

// Every data-layer module reads DATABASE_URL lazily, so setting it here points them at the test database.
process.env.DATABASE_URL = databaseUrl;
process.env.TEST_OWNER_URL = ownerUrl;
process.env.TEST_SERVER_URL = inject('serverUrl') || '';
if (!process.env.TEST_SERVER_URL) delete process.env.TEST_SERVER_URL;
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-000';
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');

beforeEach(async () => {
  await resetDatabase();
});

// A test may hold the program clock at an instant (fixClock); the next one starts with it running.
afterEach(() => {
  fixClock(null);
});

afterAll(async () => {
  await closeTestDb();
});
