import Link from 'next/link';
import { notFound } from 'next/navigation';
import { requirePermission } from '@/lib/auth/session.ts';
import { AppError } from '@/lib/errors.ts';
import { getResourceSettings } from '@/lib/bookings/resource-queries.ts';
import { KIND_TITLE } from '@/lib/bookings/rules.ts';
import { EditResourceForm } from '@/components/bookings/settings/edit-resource-form.tsx';
import { HoursForm } from '@/components/bookings/settings/hours-form.tsx';
import '@/components/bookings/bookings.css';

export const dynamic = 'force-dynamic';

type Props = { params: Promise<{ id: string }> };

/** One shower or laundry: its details and weekly opening hours. Program managers and IT support (`settings:manage`). */
export default async function ResourceSettingsPage({ params }: Props) {
  const actor = await requirePermission('settings:manage');
  const { id } = await params;
  const resource = await getResourceSettings(actor, id).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'not_found') notFound();
    throw error;
  });
  return (
    <>
      <p>
        <Link href="/settings/resources">Back to showers and laundry</Link>
      </p>
      <h1>
        {resource.name} <span className="muted">· {KIND_TITLE[resource.kind]}</span>
      </h1>
      <EditResourceForm resource={resource} />
      <HoursForm resourceId={resource.id} hours={resource.hours} />
    </>
  );
}
