import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { listBoardLinks } from '@/lib/bookings/board.ts';
import { hoursSummary, listClosures, listResourceSettings } from '@/lib/bookings/resource-queries.ts';
import { KIND_TITLE } from '@/lib/bookings/rules.ts';
import { AddResourceForm } from '@/components/bookings/settings/add-resource-form.tsx';
import { BoardLinks } from '@/components/bookings/settings/board-links.tsx';
import { Closures } from '@/components/bookings/settings/closures.tsx';
import '@/components/bookings/bookings.css';
import { formatDate, formatDateTime } from '@/lib/calendar/index.ts';

export const dynamic = 'force-dynamic';

/** Showers and laundry: resources, closures and wall-board links. Program managers and IT support (`settings:manage`). */
export default async function ResourcesSettingsPage() {
  const actor = await requirePermission('settings:manage');
  const [resources, closures, links] = await Promise.all([listResourceSettings(actor), listClosures(actor), listBoardLinks(actor)]);
  return (
    <>
      <p>
        <Link href="/settings">Back to settings</Link>
      </p>
      <h1>Showers and laundry</h1>
      <p className="muted">
        What the desk books, when it is open, and when it is closed. Nothing is deleted: a shower or laundry no longer used is marked not in use, and its
        bookings stay. Each change is recorded in the audit log.
      </p>
      <section className="card booking-section" aria-labelledby="resources-heading">
        <h2 id="resources-heading">Showers and laundry</h2>
        {resources.length === 0 ? (
          <p className="muted">None yet.</p>
        ) : (
          <div className="table-wrap">
            <table className="stack-table">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Kind</th>
                  <th scope="col">At once</th>
                  <th scope="col">Slot</th>
                  <th scope="col">Opening hours</th>
                  <th scope="col">In use</th>
                </tr>
              </thead>
              <tbody>
                {resources.map((r) => (
                  <tr key={r.id}>
                    <td>
                      <Link href={`/settings/resources/${r.id}`}>{r.name}</Link>
                    </td>
                    <td data-label="Kind">{KIND_TITLE[r.kind]}</td>
                    <td data-label="At once">{r.capacity}</td>
                    <td data-label="Slot">{r.slotMinutes} min</td>
                    <td data-label="Opening hours">{hoursSummary(r.hours)}</td>
                    <td data-label="In use">{r.active ? 'Yes' : 'No'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <AddResourceForm />
      <Closures
        resources={resources.map((r) => ({ id: r.id, name: r.name }))}
        closures={closures.map((c) => ({
          id: c.id,
          what: c.resourceName ?? 'All showers and laundry',
          from: formatDateTime(c.startsAt.toISOString()),
          to: formatDateTime(c.endsAt.toISOString()),
          reason: c.reason,
        }))}
      />
      <BoardLinks
        links={links.map((l) => ({
          id: l.id,
          label: l.label,
          created: formatDate(l.createdAt.toISOString()),
          revoked: l.revokedAt ? formatDate(l.revokedAt.toISOString()) : null,
        }))}
      />
    </>
  );
}
