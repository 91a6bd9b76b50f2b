import './visits.css';
import type { VisitPerson } from '@/lib/visits/queries.ts';

/** Who a visit was for, as every screen shows it: alias beside code, "Anonymous", or code alone once de-identified. */
export function Who({ person }: { person: VisitPerson }) {
  if (!person) return <>Anonymous</>;
  if (!person.alias)
    return (
      <>
        <span className="muted">De-identified</span> <span className="desk-code">{person.code}</span>
      </>
    );
  return (
    <>
      {person.alias} <span className="desk-code">{person.code}</span>
    </>
  );
}
