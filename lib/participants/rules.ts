import { can, type Role } from '@/lib/auth/permissions.ts';
import { localYear, programNow } from '@/lib/calendar/index.ts';

// Pure rules about participants, shared by forms, pages and (later) reports.

/** Age ranges as the program reports them. Ordered youngest first. */
export const AGE_RANGES = ['under_25', '25_34', '35_44', '45_54', '55_plus'] as const;
export type AgeRange = (typeof AGE_RANGES)[number];

/** The youngest age in each range; reports that band in SQL build their CASE from this too. */
export const AGE_RANGE_FROM: Record<AgeRange, number> = { under_25: 0, '25_34': 25, '35_44': 35, '45_54': 45, '55_plus': 55 };

/**
 * The range for someone born in `birthYear`, as of `asOfYear`. Only the year of birth is kept, so
 * the age is the one the person reaches during that year: the same answer all year long, and a
 * monthly report never moves someone between ranges mid-year.
 */
export function ageRange(birthYear: number, asOfYear: number): AgeRange {
  const age = asOfYear - birthYear;
  let range: AgeRange = 'under_25';
  for (const r of AGE_RANGES) if (age >= AGE_RANGE_FROM[r]) range = r;
  return range;
}

/** The calendar year at the program, whatever the server's time zone. */
export function programYear(now: Date = programNow()): number {
  return localYear(now);
}

/** Years of birth the form accepts: nobody over 100 or under 12 this year. */
export function birthYearBounds(year: number = programYear()): { min: number; max: number } {
  return { min: year - 100, max: year - 12 };
}

/**
 * Whether the actor sees more of a participant than alias and code (the optional answers, the
 * consent line, the record's history). Peers see alias and code only; the roles trusted with
 * sensitive fields see the rest, and the sensitive fields themselves only after asking.
 */
export function seesParticipantDetails(actor: { role: Role }): boolean {
  return can(actor, 'participant:read_sensitive');
}

/** A record that was de-identified or merged into another is kept for statistics, never edited. */
export function editRefusal(record: { deidentifiedAt: Date | string | null; mergedIntoId: string | null }): string | null {
  if (record.mergedIntoId) return 'This record was merged into another one and can no longer be changed. Open the record it was merged into.';
  if (record.deidentifiedAt) return 'This record was de-identified and can no longer be changed.';
  return null;
}
