import { afterAll, afterEach, beforeEach, inject } from 'vitest';
import { fixClock } from '../../calendar/clock.ts';
import { resetDatabase, closeTestDb } from './reset.ts';

// Every data-layer module reads DATABASE_URL lazily, so setting it here points them at the test database.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.TEST_OWNER_URL = inject('ownerUrl');
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
