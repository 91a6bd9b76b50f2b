import 'server-only';
import { createHmac } from 'node:crypto';
import { db } from '@/lib/db/client.ts';
import { programNow } from '@/lib/calendar/index.ts';

// Failed sign-ins are counted in PostgreSQL so the limit holds across app instances and restarts.
// Keys are HMACs: the table never holds an email or an IP address.
export const WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_IP = 30;

function key(kind: string, value: string): string {
  const secret = process.env.AUTH_SECRET ?? 'development-only-secret';
  return createHmac('sha256', secret).update(`${kind}:${value}`).digest('base64url');
}

export function throttleKeys(email: string, ip: string) {
  return { accountKey: key('account', email.trim().toLowerCase()), ipKey: key('ip', ip) };
}

/** Whether this account or this address has failed too often recently. */
export async function isThrottled(keys: { accountKey: string; ipKey: string }): Promise<boolean> {
  const since = new Date(programNow().getTime() - WINDOW_MINUTES * 60_000);
  const [account, ip] = await Promise.all([
    db.loginAttempt.count({ where: { accountKey: keys.accountKey, success: false, createdAt: { gte: since } } }),
    db.loginAttempt.count({ where: { ipKey: keys.ipKey, success: false, createdAt: { gte: since } } }),
  ]);
  return account >= MAX_FAILURES_PER_ACCOUNT || ip >= MAX_FAILURES_PER_IP;
}

export async function recordAttempt(keys: { accountKey: string; ipKey: string }, success: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { ...keys, success }, select: { id: true } });
  if (success) {
    // A successful sign-in clears the account's recent failures so a typo earlier does not count.
    await db.loginAttempt.deleteMany({ where: { accountKey: keys.accountKey, success: false } });
  }
}
