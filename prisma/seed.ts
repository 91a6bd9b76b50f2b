import { pathToFileURL } from 'node:url';
import { createDb } from '../lib/db/create.ts';
import { seedStaff, DEMO_LOGINS } from './seed/staff.ts';
import { seedParticipants } from './seed/participants.ts';
import { seedVisits } from './seed/visits.ts';
import { seedNotes } from './seed/notes.ts';
import { seedBookings } from './seed/bookings.ts';
import { seedReferrals } from './seed/referrals.ts';
import { seedAlerts } from './seed/alerts.ts';
import { seedPrograms } from './seed/programs.ts';
import { seedSuite } from './seed/suite.ts';
import { seedOutreach } from './seed/outreach.ts';

export { DEMO_LOGINS };

// Demo data for `npm run demo`: loaded only into an empty database, so a second run keeps
// whatever was entered. Feature areas add their own seed steps below, in dependency order.
const STEPS: { name: string; run: (db: ReturnType<typeof createDb>) => Promise<void> }[] = [
  { name: 'staff accounts', run: seedStaff },
  { name: 'participants', run: (db) => seedParticipants(db) },
  { name: 'participant notes', run: (db) => seedNotes(db) },
  { name: 'drop-in visits', run: (db) => seedVisits(db) },
  { name: 'showers and laundry', run: (db) => seedBookings(db) },
  { name: 'agencies and referrals', run: (db) => seedReferrals(db) },
  { name: 'bad date reports', run: (db) => seedAlerts(db) },
  { name: 'programs and attendance', run: (db) => seedPrograms(db) },
  { name: 'Safe Suite', run: (db) => seedSuite(db) },
  { name: 'outreach shifts and contacts', run: (db) => seedOutreach(db) },
];

/** Seeds the demo when no staff account exists yet. Returns whether it seeded. */
export async function seedDemoIfEmpty(databaseUrl: string, log: (m: string) => void = console.log): Promise<boolean> {
  const db = createDb(databaseUrl, 2);
  try {
    if ((await db.staffUser.count()) > 0) return false;
    for (const step of STEPS) {
      const started = Date.now();
      await step.run(db);
      log(`  seeded ${step.name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
    }
    return true;
  } finally {
    await db.$disconnect();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error('DATABASE_URL is not set');
    process.exit(1);
  }
  const seeded = await seedDemoIfEmpty(url);
  console.log(seeded ? 'Demo data loaded.' : 'The database already has data; nothing loaded.');
}
