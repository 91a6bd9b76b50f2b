import moment from 'moment-timezone';

// The program's time zone and the rules that turn an instant into its wall clock. The rules come
// from the IANA data that moment-timezone ships (pinned in package.json and updated like any other
// dependency), never from Node's built-in ICU nor the database server's tzdata: in late 2026 both
// of those on a stock host still moved British Columbia back to UTC−8 on 2026-11-01, an hour off
// from the law (permanent UTC−7, tzdata 2026b). Only moment-timezone's zone data is used here
// (offsets by instant); formatting and calendar arithmetic stay with date-fns in ./local.ts.

export const DEFAULT_TIME_ZONE = 'America/Vancouver';

/** The IANA data release the program's clock reads, e.g. "2026f". */
export const TZ_DATA_VERSION: string = moment.tz.dataVersion;

export type Zone = {
  readonly name: string;
  /** Minutes to add to UTC to read the wall clock at this instant (UTC−7 gives −420). */
  offsetAt(instantMs: number): number;
  /** The instant at which the wall clock reads these fields; a time skipped by a jump moves forward. */
  instantOf(y: number, month: number, d: number, h: number, min: number): number;
};

const zones = new Map<string, Zone>();

/** Whether the pinned data knows this IANA name (the setting is checked against it at start). */
export function isKnownZone(name: string): boolean {
  return moment.tz.zone(name) !== null;
}

/** The zone named, from the pinned data; throws on a name the data does not know. */
export function zoneNamed(name: string): Zone {
  const cached = zones.get(name);
  if (cached) return cached;
  const data = moment.tz.zone(name);
  if (!data) throw new Error(`Unknown time zone "${name}": use an IANA name such as ${DEFAULT_TIME_ZONE}.`);
  const zone: Zone = {
    name,
    offsetAt: (instantMs) => -data.utcOffset(instantMs),
    instantOf: (y, month, d, h, min) => moment.tz([y, month - 1, d, h, min], name).valueOf(),
  };
  zones.set(name, zone);
  return zone;
}

/**
 * The program's time zone: `LANTERN_TIME_ZONE` (an IANA name) or Kamloops' America/Vancouver. One
 * setting for the whole installation, read when the server starts: every local date the program
 * stores was worked out in it, so it is not a per-user preference.
 */
export function programZoneName(env: Record<string, string | undefined> = process.env): string {
  return env.LANTERN_TIME_ZONE?.trim() || DEFAULT_TIME_ZONE;
}

/** One line for the start-up log: which zone and which release of its rules. */
export function clockDescription(): string {
  return `program time zone ${programZoneName()} (IANA tz data ${TZ_DATA_VERSION}, from moment-timezone)`;
}

/** How screens and files name the program's time: "Vancouver time", "Dawson Creek time". */
export function zoneLabel(name: string = programZoneName()): string {
  return `${name.split('/').at(-1)!.replaceAll('_', ' ')} time`;
}
