import Link from 'next/link';
import '@/components/visits/visits.css';
import type { ServiceTypeRow } from '@/lib/services/queries.ts';
import { KIND_LABELS, SERVICE_KEYS } from '@/lib/services/schema.ts';
import { OrderButtons } from './order-buttons.tsx';

/** Every type in the quick log's order; each offered one shows the key that ticks it there (while keys last). */
export function ServiceTypeList({ rows }: { rows: ServiceTypeRow[] }) {
  let key = 0;
  return (
    <div className="table-wrap visit-table-frame" role="region" aria-labelledby="service-list-caption" tabIndex={0}>
      <table className="stack-table">
        <caption id="service-list-caption" className="visually-hidden">
          Services and supplies
        </caption>
        <thead>
          <tr>
            <th scope="col">Key</th>
            <th scope="col">Name</th>
            <th scope="col">Kind</th>
            <th scope="col">Unit</th>
            <th scope="col">Status</th>
            <th scope="col">Order</th>
            <th scope="col">
              <span className="visually-hidden">Edit</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => {
            const digit = row.active ? (SERVICE_KEYS[key++] ?? '') : '';
            return (
              <tr key={row.id}>
                <td data-label="Key">{digit}</td>
                <td data-label="Name">{row.name}</td>
                <td data-label="Kind">{KIND_LABELS[row.kind]}</td>
                <td data-label="Unit">{row.unit ?? ''}</td>
                <td data-label="Status">{row.active ? 'Offered' : <span className="muted">No longer offered</span>}</td>
                <td data-label="Order">
                  <OrderButtons id={row.id} name={row.name} first={i === 0} last={i === rows.length - 1} />
                </td>
                <td data-label="">
                  <Link href={`/settings/services/${row.id}`}>
                    Edit<span className="visually-hidden"> {row.name}</span>
                  </Link>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
