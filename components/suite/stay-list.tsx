import Link from 'next/link';
import type { StayRow } from '@/lib/safe-suite/queries.ts';
import { STATUS_LABEL, whenLabel } from '@/lib/safe-suite/rules.ts';
import { StayActions } from './stay-actions.tsx';
import { undoUntilLabel } from '@/lib/undo-window.ts';

function who(s: StayRow): string {
  return s.alias ? `${s.alias} · ${s.code}` : s.code;
}

/** Stays as cards: who, when, how many nights, status, and the next step. */
export function StayList({ stays, empty, canManage, numbered = false }: { stays: StayRow[]; empty: string; canManage: boolean; numbered?: boolean }) {
  if (stays.length === 0) return <p className="muted">{empty}</p>;
  const List = numbered ? 'ol' : 'ul';
  return (
    <List className="suite-stays">
      {stays.map((s) => (
        <li key={s.id} className={`suite-stay status-${s.status}${s.offered ? ' is-offered' : ''}`}>
          <p className="suite-stay-who">
            <strong>{who(s)}</strong> <span className="suite-status">{STATUS_LABEL[s.status]}</span>
          </p>
          <p className="suite-stay-when">
            {s.unitName}: {whenLabel(s.startAt)} to {whenLabel(s.endAt)} ({s.nights} {s.nights === 1 ? 'night' : 'nights'})
          </p>
          {s.offered && (
            <p className="suite-offer">
              <strong>Offer:</strong> the unit is free for these dates now. Confirm to book it.
            </p>
          )}
          <p className="suite-stay-links">
            <Link href={`/suite/stays/${s.id}`}>
              Open stay<span className="visually-hidden"> of {who(s)}</span>
            </Link>
          </p>
          {canManage && (
            <StayActions
              stayId={s.id}
              status={s.status}
              label={`Stay of ${who(s)}`}
              reinstateUntil={s.status === 'cancelled' ? undoUntilLabel(s.closedAt) : undefined}
            />
          )}
        </li>
      ))}
    </List>
  );
}
