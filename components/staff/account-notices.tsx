'use client';

import { useActionState } from 'react';
import { dismissNoticesAction } from '@/app/(staff)/notice-actions.ts';
import type { ActionState } from '@/lib/action.ts';
import type { NoticeView } from '@/lib/staff/notices.ts';

/** Changes made to this person's account (or, for managers, to other managers'), until dismissed. */
export function AccountNotices({ notices }: { notices: NoticeView[] }) {
  const [, action, pending] = useActionState<ActionState, FormData>(dismissNoticesAction, null);
  if (notices.length === 0) return null;
  return (
    <section className="card account-notices" aria-labelledby="account-notices-heading" role="region">
      <h2 id="account-notices-heading">Changes to staff accounts since you last looked</h2>
      <ul>
        {notices.map((n) => (
          <li key={n.id}>{n.text}</li>
        ))}
      </ul>
      <p className="muted">If you did not expect one of these, tell a program manager.</p>
      <form action={action}>
        <input type="hidden" name="upTo" value={notices.at(-1)!.id} />
        <button className="button secondary small" type="submit" disabled={pending}>
          I have read these
        </button>
      </form>
    </section>
  );
}
