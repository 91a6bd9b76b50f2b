import type { Scenario } from './scenario.ts';
import type { BenchContext } from './context.ts';
import { frontDeskScenarios } from './front-desk.ts';
import { bookingScenarios } from './bookings.ts';
import { reportScenarios } from './reports.ts';
import { outreachScenarios } from './outreach.ts';

// Every scenario `npm run bench` measures, in order. A feature with a speed target adds its own
// file beside front-desk.ts and its scenarios here (bookings, reports…).
export const SCENARIOS: Scenario<BenchContext>[] = [...frontDeskScenarios, ...bookingScenarios, ...reportScenarios, ...outreachScenarios];
