// The one program clock. Code that needs "now" asks here, so that a test can hold it still at a
// chosen instant (`fixClock`) instead of depending on the day or hour it runs. In the running app
// it is the host's clock, which is UTC-based and needs no time-zone data.

let fixed: number | null = null;

/** Now, as the program sees it. */
export function programNow(): Date {
  return new Date(fixed ?? Date.now());
}

/** Tests only: hold the clock at an instant (null lets it run again). */
export function fixClock(instant: Date | string | null): void {
  fixed = instant === null ? null : new Date(instant).getTime();
}
