import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { listServiceTypes } from '@/lib/services/queries.ts';
import { AddServiceTypeForm } from '@/components/services/add-service-type-form.tsx';
import { ServiceTypeList } from '@/components/services/service-type-list.tsx';

export const dynamic = 'force-dynamic';

/** The services and supplies the quick log offers. Program managers and IT support (`settings:manage`). */
export default async function ServicesSettingsPage() {
  const actor = await requirePermission('settings:manage');
  const rows = await listServiceTypes(actor);
  return (
    <>
      <p>
        <Link href="/settings">Back to settings</Link>
      </p>
      <h1>Services and supplies</h1>
      <p className="muted">
        The quick log shows the offered ones in this order; the key beside each (1–9, 0, then Q–P and A–L) ticks it there. Nothing is ever deleted: a type no
        longer offered stays on the visits that used it. Each change is recorded in the audit log.
      </p>
      <ServiceTypeList rows={rows} />
      <AddServiceTypeForm />
    </>
  );
}
