// How failed password checks slow an account down (sign-in, the locked screen, the current-password
// check): pure, so the rule is tested on its own. lib/auth/throttle.ts reads the counts from PostgreSQL.
//
// The rule (issue 17):
// - Per (account, address) pair: 5 failures in a row are free; then each further try waits 30 s,
//   doubling after every failure, up to 15 minutes. One address cannot guess quickly.
// - Per account, from any address: 10 failures are free; then 5 s, doubling, but never more than
//   60 s. Many addresses together cannot guess quickly either, and yet a stranger can hold the
//   account back by at most a minute at a time.
// - An address the account has signed in from in the last 30 days ("known") is exempt from the
//   account-wide delay: a stranger failing elsewhere never keeps the person out at their own desk.
//   Only failures from that same address slow it down.
// - Per address, across accounts: 30 failures in 15 minutes close it for the rest of the window.
// - Counts are of failures since the last success of that account (a success clears them), within
//   the last 24 hours. A refused (throttled) try is not a failure and does not extend the delay.

export const PAIR_FREE_FAILURES = 5;
export const PAIR_FIRST_DELAY_MS = 30_000;
export const PAIR_MAX_DELAY_MS = 15 * 60_000;
export const ACCOUNT_FREE_FAILURES = 10;
export const ACCOUNT_FIRST_DELAY_MS = 5_000;
export const ACCOUNT_MAX_DELAY_MS = 60_000;
export const KNOWN_ADDRESS_DAYS = 30;
export const FAILURE_MEMORY_HOURS = 24;
export const IP_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_IP = 30;

/** The wait after `failures` failures: none while they are free, then doubling up to the cap. */
export function growingDelay(failures: number, free: number, firstMs: number, maxMs: number): number {
  if (failures < free) return 0;
  return Math.min(maxMs, firstMs * 2 ** Math.min(30, failures - free));
}

export type FailureCounts = {
  pair: { failures: number; last: Date | null };
  account: { failures: number; last: Date | null };
  ip: { failures: number; oldest: Date | null };
  knownAddress: boolean;
};

/** Milliseconds until the next try may be checked (0: now). */
export function waitMs(c: FailureCounts, now: Date): number {
  const until = (last: Date | null, delay: number) => (last && delay ? Math.max(0, last.getTime() + delay - now.getTime()) : 0);
  const pair = until(c.pair.last, growingDelay(c.pair.failures, PAIR_FREE_FAILURES, PAIR_FIRST_DELAY_MS, PAIR_MAX_DELAY_MS));
  const account = c.knownAddress
    ? 0
    : until(c.account.last, growingDelay(c.account.failures, ACCOUNT_FREE_FAILURES, ACCOUNT_FIRST_DELAY_MS, ACCOUNT_MAX_DELAY_MS));
  const ip = c.ip.failures >= MAX_FAILURES_PER_IP && c.ip.oldest ? until(c.ip.oldest, IP_WINDOW_MINUTES * 60_000) : 0;
  return Math.max(pair, account, ip);
}

/** "Wait 30 seconds" / "Wait 4 minutes": the person is told how long, rounded up. */
export function waitMessage(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  const text = seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`;
  return `Too many wrong passwords. Wait ${text}, then try again.`;
}
