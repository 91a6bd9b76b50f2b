import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { SETTING_KEYS, SETTINGS } from '@/lib/settings/definitions.ts';
import { getSetting } from '@/lib/settings/queries.ts';
import { settingInputKind } from '@/lib/settings/schema.ts';
import { SettingsForm, type SettingField } from '@/components/settings/settings-form.tsx';

export const dynamic = 'force-dynamic';

export default async function SettingsPage() {
  const actor = await requirePermission('settings:manage');
  // Settings are program configuration, not personal data; getSetting is the one reader.
  const fields: SettingField[] = await Promise.all(
    SETTING_KEYS.map(async (key) => ({ key, label: SETTINGS[key].label, kind: settingInputKind(key), value: String(await getSetting(key)) })),
  );
  return (
    <>
      <h1>Settings</h1>
      <p className="muted">These apply to everyone who uses Lantern. Each change is recorded in the audit log.</p>
      <SettingsForm fields={fields} />
      <p>
        <Link href="/settings/services">Services and supplies</Link>: what the quick log offers, and in which order.
      </p>
      <p>
        <Link href="/settings/resources">Showers and laundry</Link>: stalls and machines, opening hours, closures and the wall board.
      </p>
      {can(actor, 'program:manage') && (
        <p>
          <Link href="/settings/programs">Programs</Link>: schedules, partners, active dates and closed days.
        </p>
      )}
      <p>
        <Link href="/settings/note-kinds">Kinds of note</Link>: what staff choose when they add to a participant’s notes (note, crisis, safety plan…).
      </p>
      <p>
        <Link href="/settings/outreach">Outreach lists</Link>: street zones, online platforms and what happened at a contact.
      </p>
      <p>
        <Link href="/settings/suite-units">Safe Suite units</Link>: the units stays are booked into.
      </p>
      {can(actor, 'retention:run') && (
        <p>
          <Link href="/settings/retention">Retention: de-identify records with no recent activity</Link>
        </p>
      )}
    </>
  );
}
