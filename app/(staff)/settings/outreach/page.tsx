import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { listOptions } from '@/lib/outreach/options.ts';
import { OUTREACH_LISTS } from '@/lib/outreach/schema.ts';
import { AddOptionForm, OptionRowForms } from '@/components/outreach/option-forms.tsx';
import { OPTION_LIST_TEXT } from '@/components/outreach/option-lists.ts';
import '@/components/outreach/outreach.css';

export const dynamic = 'force-dynamic';

/** The outreach lists the phone offers. Program managers and IT support (`settings:manage`). */
export default async function OutreachSettingsPage() {
  const actor = await requirePermission('settings:manage');
  const rows = await listOptions(actor);
  return (
    <>
      <p>
        <Link href="/settings">Back to settings</Link>
      </p>
      <h1>Outreach lists</h1>
      <p className="muted">
        What the phone offers when a shift starts and a contact is saved. Nothing is ever deleted: an entry taken out of use leaves the phone and stays on past
        shifts and contacts. Each change is recorded in the audit log.
      </p>
      {OUTREACH_LISTS.map((list) => {
        const entries = rows.filter((r) => r.list === list);
        const text = OPTION_LIST_TEXT[list];
        return (
          <section key={list} className="card" aria-labelledby={`list-${list}-heading`}>
            <h2 id={`list-${list}-heading`}>{text.title}</h2>
            <p className="muted">{text.hint}</p>
            {entries.length === 0 ? (
              <p className="muted">None yet.</p>
            ) : (
              <ul className="outreach-option-list">
                {entries.map((row) => (
                  <li key={row.id}>
                    <OptionRowForms row={row} />
                  </li>
                ))}
              </ul>
            )}
            <AddOptionForm list={list} />
          </section>
        );
      })}
    </>
  );
}
