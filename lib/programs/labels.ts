// Program words and limits: plain data, safe for client components (rules.ts needs the program's
// calendar, which stays on the server).

export type Frequency = 'weekly' | 'fortnightly';

/** The most people a headcount may say: more is a typing slip. */
export const MAX_HEADCOUNT = 500;

export const FREQUENCY_LABEL: Record<Frequency, string> = { weekly: 'Every week', fortnightly: 'Every two weeks' };
export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;
