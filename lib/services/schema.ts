import { z } from 'zod';
import { shortText, uuidOf } from '@/lib/validation.ts';

// Input rules for service and supply types (the quick log's toggles), shared by the settings
// forms and the data layer.

export const SERVICE_NAME_MAX = 60; // matches the service_type_name_check constraint
export const UNIT_MAX = 20;
export const SERVICE_TYPE_NOT_FOUND = 'That service was not found.';

export const SERVICE_KINDS = ['service', 'supply'] as const;
export type ServiceKind = (typeof SERVICE_KINDS)[number];
/** A type as the quick log and the visit forms show it. */
export type ServiceOption = { id: string; name: string; kind: ServiceKind; unit: string | null };

/**
 * The key that ticks each offered service or supply at the quick log, in its order: the number row
 * (1–9, 0), then the letter rows beneath it (Q–P, A–L). N is kept for "New visit"; beyond these, no key.
 */
export const SERVICE_KEYS: readonly string[] = [...'1234567890', ...'QWERTYUIOP', ...'ASDFGHJKL'];

export const KIND_LABELS: Record<ServiceKind, string> = { service: 'Service', supply: 'Supply (counted)' };

const id = uuidOf(SERVICE_TYPE_NOT_FOUND);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
/** What one counts of a supply ("kit", "pack"); optional. */
const unit = z.preprocess(blankToUndefined, shortText('a unit', UNIT_MAX).optional());

export const CreateServiceTypeSchema = z.object({
  name: shortText('a name', SERVICE_NAME_MAX),
  kind: z.enum(SERVICE_KINDS, { error: 'Choose service or supply.' }),
  unit,
});
export type CreateServiceTypeInput = z.infer<typeof CreateServiceTypeSchema>;

export const UpdateServiceTypeSchema = z.object({ id, name: shortText('a name', SERVICE_NAME_MAX), unit });
export type UpdateServiceTypeInput = z.infer<typeof UpdateServiceTypeSchema>;

export const MoveServiceTypeSchema = z.object({ id, direction: z.enum(['up', 'down'], { error: 'Choose up or down.' }) });
export type MoveServiceTypeInput = z.infer<typeof MoveServiceTypeSchema>;

export const SetServiceTypeStatusSchema = z.object({ id, status: z.enum(['active', 'inactive'], { error: 'Choose offered or no longer offered.' }) });
export type SetServiceTypeStatusInput = z.infer<typeof SetServiceTypeStatusSchema>;

export const ServiceTypeIdSchema = z.object({ id });

/** One line on a visit as shown: "Shower", "Naloxone kit ×2". */
export function serviceLineLabel(line: { name: string; kind: ServiceKind; unit: string | null; quantity: number }): string {
  if (line.kind === 'service') return line.name;
  return `${line.name} ×${line.quantity}`;
}
