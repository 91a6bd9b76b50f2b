import Link from 'next/link';
import { requirePermission } from '@/lib/auth/session.ts';
import { can } from '@/lib/auth/permissions.ts';
import { listAgencies } from '@/lib/referrals/agencies.ts';
import { CATEGORIES, CATEGORY_LABELS, type Category } from '@/lib/referrals/rules.ts';
import '@/components/referrals/referrals.css';

export const dynamic = 'force-dynamic';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The agency directory: every staff role reads it; a name or a kind of support narrows it (agency names only in the URL). */
export default async function AgenciesPage({ searchParams }: Props) {
  const actor = await requirePermission('agency:read');
  const sp = await searchParams;
  const q = (one(sp.q) ?? '').slice(0, 100);
  const cat = one(sp.category);
  const category = (CATEGORIES as readonly string[]).includes(cat ?? '') ? (cat as Category) : undefined;
  const manage = can(actor, 'agency:manage');
  const agencies = await listAgencies(actor, { q, category, includeInactive: manage });
  return (
    <>
      <div className="row">
        <h1>Agencies</h1>
        {manage && (
          <Link className="button" href="/agencies/new">
            Add an agency
          </Link>
        )}
        <Link className="button secondary" href="/agencies/print">
          Printable list
        </Link>
      </div>
      <form className="row card" role="search" aria-label="Agencies">
        <div className="field">
          <label htmlFor="agency-q">Name</label>
          <input id="agency-q" name="q" defaultValue={q} />
        </div>
        <div className="field">
          <label htmlFor="agency-category">Kind of support</label>
          <select id="agency-category" name="category" defaultValue={category ?? ''}>
            <option value="">Any kind</option>
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </select>
        </div>
        <button className="button" type="submit">
          Search
        </button>
      </form>
      {agencies.length === 0 ? (
        <p>No agency matches.</p>
      ) : (
        <ul className="agency-list" aria-label="Agency directory">
          {agencies.map((a) => (
            <li key={a.id} className="card">
              <h2 className="agency-name" style={{ fontSize: '1.05rem', margin: 0 }}>
                {manage ? <Link href={`/agencies/${a.id}`}>{a.name}</Link> : a.name}
                {a.active ? '' : ' (inactive)'}
              </h2>
              <p>
                {a.categories.map((c) => (
                  <span key={c} className="tag">
                    {CATEGORY_LABELS[c]}
                  </span>
                ))}
              </p>
              {a.phone && (
                <p>
                  Phone: <a href={`tel:${a.phone.replace(/[^0-9+]/g, '')}`}>{a.phone}</a>
                </p>
              )}
              {a.hours && <p>Hours: {a.hours}</p>}
              {a.offers && <p>{a.offers}</p>}
              {a.staffNotes && <p className="muted">Staff note: {a.staffNotes}</p>}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
