// Opening hours as minutes after local midnight: plain numbers, safe for the settings form in the
// browser (slots.ts needs the program's calendar, which stays on the server).

export type OpeningHours = { weekday: number; opensMin: number; closesMin: number };

/** "9:00" for 540 minutes after midnight; "24:00" for the midnight that ends the day. */
export function minutesLabel(minutes: number): string {
  return `${Math.floor(minutes / 60)}:${String(minutes % 60).padStart(2, '0')}`;
}
