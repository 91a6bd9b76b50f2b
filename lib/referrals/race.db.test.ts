import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { waitForBlocked } from '@/lib/participants/lifecycle-test-helpers.ts';
import { createReferral } from './create.ts';
import { AGENCY_INACTIVE } from './schema.ts';
import { expectAppError, makeAgency, referralForm } from './test-helpers.ts';

// The agency check in code reads before the insert; the trigger share-locks the agency row, so a
// deactivation committed in between is still seen, and the referral is refused.
describe.runIf(process.env.TEST_SERVER_URL)('an agency deactivated while a referral to it is being saved', () => {
  it('the referral waits for the deactivation, then is refused with a plain message; nothing is saved', async () => {
    const c = await makeActor('coordinator');
    const agency = await makeAgency();
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query('UPDATE agency SET active = false WHERE id = $1', [agency.id]);
      const saving = createReferral(c, referralForm(agency.id, null));
      // Listened to at once: the refusal can arrive before this connection hears its COMMIT back,
      // and a rejection nobody is listening to yet fails the run.
      const refused = expectAppError(saving, 'invalid', AGENCY_INACTIVE, 'agencyId');
      await waitForBlocked(1);
      await other.query('COMMIT');
      await refused;
      expect(await db.referral.count()).toBe(0);
    } finally {
      await other.end();
    }
  });
});
