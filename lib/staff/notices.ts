import 'server-only';
import { db, type Tx } from '@/lib/db/client.ts';
import { ROLE_LABELS, type Role } from '@/lib/auth/permissions.ts';
import type { Actor } from '@/lib/auth/session.ts';
import { formatDateTime, programNow } from '@/lib/calendar/index.ts';

// Notices of changes made to staff accounts, shown at the top of every page to the people they
// concern until each dismisses them (lib/staff/rules.ts `noticeRecipients` says who). Any signed-in
// role reads and dismisses only its own notices; nothing here touches participant data.

export type NoticeAction =
  | 'staff_user.created'
  | 'staff_user.role_changed'
  | 'staff_user.password_reset'
  | 'staff_user.second_factor_reset'
  | 'staff_user.deactivated'
  | 'staff_user.reactivated';

export async function recordNotices(
  tx: Tx,
  actor: { id: string },
  recipientIds: readonly string[],
  notice: { action: NoticeAction; subjectId: string; fromRole?: Role; toRole?: Role },
): Promise<void> {
  if (recipientIds.length === 0) return;
  await tx.staffNotice.createMany({
    data: recipientIds.map((recipientId) => ({
      recipientId,
      actorId: actor.id,
      subjectId: notice.subjectId,
      action: notice.action,
      fromRole: notice.fromRole ?? null,
      toRole: notice.toRole ?? null,
    })),
  });
}

/** The ids of active managers, for notices about manager accounts. */
export async function activeManagerIds(tx: Tx): Promise<string[]> {
  const rows = await tx.staffUser.findMany({ where: { role: 'manager', active: true }, select: { id: true } });
  return rows.map((r) => r.id);
}

export type NoticeView = { id: string; text: string };

const WHAT: Record<NoticeAction, (n: { fromRole: Role | null; toRole: Role | null }) => [yours: string, theirs: string]> = {
  'staff_user.created': (n) => [`created your account as ${label(n.toRole)}`, `created an account for {subject} as ${label(n.toRole)}`],
  'staff_user.role_changed': (n) => [
    `changed your role from ${label(n.fromRole)} to ${label(n.toRole)}`,
    `changed the role of {subject} from ${label(n.fromRole)} to ${label(n.toRole)}`,
  ],
  'staff_user.password_reset': () => ['reset your password and signed you out everywhere', 'reset the password of {subject} and signed them out everywhere'],
  'staff_user.second_factor_reset': () => ['reset your second factor', 'reset the second factor of {subject}'],
  'staff_user.deactivated': () => ['deactivated your account', 'deactivated the account of {subject}'],
  'staff_user.reactivated': () => ['reactivated your account', 'reactivated the account of {subject}'],
};

function label(role: Role | null): string {
  return role ? ROLE_LABELS[role] : 'no role';
}

/** This person's notices not yet dismissed, oldest first, as sentences. */
export async function unseenNotices(actor: Actor): Promise<NoticeView[]> {
  const rows = await db.staffNotice.findMany({
    where: { recipientId: actor.id, seenAt: null },
    orderBy: { id: 'asc' },
    take: 20,
    select: {
      id: true,
      action: true,
      fromRole: true,
      toRole: true,
      at: true,
      subjectId: true,
      subject: { select: { displayName: true } },
      actor: { select: { displayName: true } },
    },
  });
  return rows.map((n) => {
    const [yours, theirs] = WHAT[n.action as NoticeAction](n);
    const who = n.actor?.displayName ?? 'Someone';
    const what = n.subjectId === actor.id ? yours : theirs.replace('{subject}', n.subject.displayName);
    return { id: n.id.toString(), text: `${formatDateTime(n.at.toISOString())}: ${who} ${what}.` };
  });
}

/**
 * Marks this person's notices up to the last one they were shown as seen (one that arrived since
 * stays). Nobody can dismiss another person's notices.
 */
export async function dismissNotices(actor: Actor, upToId: string, now = programNow()): Promise<void> {
  if (!/^\d{1,18}$/.test(upToId)) return;
  await db.staffNotice.updateMany({ where: { recipientId: actor.id, seenAt: null, id: { lte: BigInt(upToId) } }, data: { seenAt: now } });
}
