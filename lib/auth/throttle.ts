import 'server-only';
import { createHmac } from 'node:crypto';
import { db } from '@/lib/db/client.ts';
import { programNow } from '@/lib/calendar/index.ts';
import { FAILURE_MEMORY_HOURS, IP_WINDOW_MINUTES, KNOWN_ADDRESS_DAYS, waitMs } from './throttle-rules.ts';

export { MAX_FAILURES_PER_IP } from './throttle-rules.ts';

// Failed password checks are counted in PostgreSQL so the limit holds across app instances and
// restarts; throttle-rules.ts says how they slow an account down. Keys are HMACs: the table never
// holds an email or an IP address.

export type ThrottleKeys = { accountKey: string; ipKey: string };

function key(kind: string, value: string): string {
  const secret = process.env.AUTH_SECRET ?? 'development-only-secret';
  return createHmac('sha256', secret).update(`${kind}:${value}`).digest('base64url');
}

export function throttleKeys(email: string, ip: string): ThrottleKeys {
  return { accountKey: key('account', email.trim().toLowerCase()), ipKey: key('ip', ip) };
}

/** How long (ms) this account must wait before a password from this address is checked; 0 for now. */
export async function throttleWait(keys: ThrottleKeys, now: Date = programNow()): Promise<number> {
  const memory = new Date(now.getTime() - FAILURE_MEMORY_HOURS * 3600_000);
  const ipWindow = new Date(now.getTime() - IP_WINDOW_MINUTES * 60_000);
  const known = new Date(now.getTime() - KNOWN_ADDRESS_DAYS * 86_400_000);
  const failed = { success: false, createdAt: { gte: memory } };
  const [pair, account, ip, success] = await Promise.all([
    db.loginAttempt.aggregate({ where: { ...failed, accountKey: keys.accountKey, ipKey: keys.ipKey }, _count: true, _max: { createdAt: true } }),
    db.loginAttempt.aggregate({ where: { ...failed, accountKey: keys.accountKey }, _count: true, _max: { createdAt: true } }),
    db.loginAttempt.aggregate({ where: { ipKey: keys.ipKey, success: false, createdAt: { gte: ipWindow } }, _count: true, _min: { createdAt: true } }),
    db.loginAttempt.findFirst({ where: { ...keys, success: true, createdAt: { gte: known } }, select: { id: true } }),
  ]);
  return waitMs(
    {
      pair: { failures: pair._count, last: pair._max.createdAt },
      account: { failures: account._count, last: account._max.createdAt },
      ip: { failures: ip._count, oldest: ip._min.createdAt },
      knownAddress: !!success,
    },
    now,
  );
}

export async function recordAttempt(keys: ThrottleKeys, success: boolean, now: Date = programNow()): Promise<void> {
  await db.loginAttempt.create({ data: { ...keys, success, createdAt: now }, select: { id: true } });
  if (success) {
    // A success clears the account's failures (from every address) so earlier typos stop counting.
    await db.loginAttempt.deleteMany({ where: { accountKey: keys.accountKey, success: false } });
  }
}
