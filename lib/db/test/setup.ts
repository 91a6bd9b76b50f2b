import { afterAll, beforeEach, inject } from 'vitest';
import { resetDatabase, closeTestDb } from './reset.ts';

// Every data-layer module reads DATABASE_URL lazily, so setting it here points them at the test database.
process.env.DATABASE_URL = inject('databaseUrl');
process.env.TEST_SERVER_URL = inject('serverUrl') || '';
if (!process.env.TEST_SERVER_URL) delete process.env.TEST_SERVER_URL;
process.env.AUTH_SECRET ??= 'test-secret-test-secret-test-secret-000';
process.env.ENCRYPTION_KEY ??= Buffer.alloc(32, 7).toString('base64');

beforeEach(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await closeTestDb();
});
