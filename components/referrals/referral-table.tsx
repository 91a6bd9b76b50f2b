'use client';

import Link from 'next/link';
import { DataTable } from '@/components/data-table/data-table.tsx';
import { dataColumnHelper } from '@/components/data-table/columns.ts';
import { FilterSelect } from '@/components/data-table/filter-select.tsx';
import { CATEGORIES, CATEGORY_LABELS, REASON_LABELS, STATUSES, STATUS_LABELS } from '@/lib/referrals/rules.ts';
import { REFERRAL_TABLE } from '@/lib/referrals/table.ts';
import type { ReferralRow } from '@/lib/referrals/queries.ts';
import type { TableView } from '@/lib/table/params.ts';
import { DueFilter } from './due-filter.tsx';

const col = dataColumnHelper<ReferralRow>();

const columns = col.columns([
  col.accessor('who', { id: 'who', header: 'Who', cell: (c) => <Link href={`/referrals/${c.row.original.id}`}>{c.getValue()}</Link> }),
  col.accessor('agencyName', { id: 'agency', header: 'Agency' }),
  col.accessor('category', { id: 'category', header: 'Kind of support', cell: (c) => CATEGORY_LABELS[c.getValue()] }),
  col.accessor('reasonCategory', { id: 'reason', header: 'What for', cell: (c) => REASON_LABELS[c.getValue()] }),
  col.accessor('status', { id: 'status', header: 'Status', cell: (c) => STATUS_LABELS[c.getValue()] }),
  col.accessor('referredOn', { id: 'referredOn', header: 'Referred', meta: { className: 'nowrap' } }),
  col.accessor('followUpOn', { id: 'followUpOn', header: 'Follow up', meta: { className: 'nowrap' } }),
  col.accessor('staffName', { id: 'staff', header: 'Staff' }),
]);

const STATUS_OPTIONS = [{ value: 'open', label: 'Still open' }, ...STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }))];
const CATEGORY_OPTIONS = CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] }));

type Props = {
  rows: ReferralRow[];
  total: number;
  view: TableView;
  agencies: { id: string; name: string }[];
  staff: { id: string; name: string }[];
};

/** The referrals list: filters for status, kind of support, agency, staff and follow-up date, all in the URL. */
export function ReferralTable({ rows, total, view, agencies, staff }: Props) {
  return (
    <DataTable
      caption="Referrals"
      columns={columns}
      rows={rows}
      total={total}
      view={view}
      spec={REFERRAL_TABLE}
      emptyMessage="No referral matches these filters."
      filters={
        <>
          <FilterSelect label="Status" name="status" value={view.filters.status} anyLabel="Any status" options={STATUS_OPTIONS} />
          <FilterSelect label="Kind of support" name="category" value={view.filters.category} anyLabel="Any kind" options={CATEGORY_OPTIONS} />
          <FilterSelect
            label="Agency"
            name="agency"
            value={view.filters.agency}
            anyLabel="Any agency"
            options={agencies.map((a) => ({ value: a.id, label: a.name }))}
          />
          <FilterSelect label="Staff" name="staff" value={view.filters.staff} anyLabel="Anyone" options={staff.map((s) => ({ value: s.id, label: s.name }))} />
          <DueFilter value={view.filters.due} />
        </>
      }
    />
  );
}
