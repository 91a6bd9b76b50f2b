import { notFound } from 'next/navigation';
import { boardView } from '@/lib/bookings/board.ts';
import { QueueBoard } from '@/components/board/queue-board.tsx';
import { AutoRefresh } from '@/components/board/auto-refresh.tsx';

export const dynamic = 'force-dynamic';

/** How often the wall display reloads itself, in seconds. */
const REFRESH_SECONDS = 20;

type Props = { params: Promise<{ token: string }> };

/**
 * The queue board for a wall display, outside the staff pages: no sign-in (a screen on the wall
 * cannot keep a session that idles out), the link's long random token is the permission, and a
 * revoked or unknown link is a plain 404. The page refreshes itself in place every few seconds.
 */
export default async function BoardPage({ params }: Props) {
  const { token } = await params;
  const view = await boardView(token);
  if (!view) notFound();
  return (
    <>
      <AutoRefresh seconds={REFRESH_SECONDS} />
      <QueueBoard view={view} />
    </>
  );
}
