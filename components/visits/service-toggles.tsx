'use client';

import { SERVICE_KEYS, type ServiceOption } from '@/lib/services/schema.ts';
import { QUANTITY_MAX } from '@/lib/visits/schema.ts';

type Props = {
  services: ServiceOption[];
  /** Ticked service id → quantity as typed (services always "1"). */
  ticked: Record<string, string>;
  onToggle: (id: string) => void;
  onQuantity: (id: string, value: string) => void;
  errors: Record<string, string>;
  /** Show (and announce) the keys that tick each one (1–9, 0, Q–P, A–L) and + / − on quantities. */
  numberKeys?: boolean;
  /** The group's id; its first checkbox is `<id>-first`. */
  id: string;
};

/** The id of a toggle's checkbox (the first one's is fixed: the quick log moves focus there). */
export function toggleId(group: string, index: number, serviceId: string): string {
  return index === 0 ? `${group}-first` : `${group}-${serviceId}`;
}

/**
 * The services and supplies of a visit as a row of toggles (real checkboxes named `service`);
 * a ticked supply shows its quantity box (`quantity.<id>`). Errors sit beside what they are about.
 */
export function ServiceToggles({ services, ticked, onToggle, onQuantity, errors, numberKeys, id }: Props) {
  const groupError = errors.services;
  return (
    <fieldset id={id} tabIndex={-1} className="service-toggles" aria-describedby={groupError ? `${id}-error` : undefined}>
      <legend>Services and supplies{numberKeys && <span className="muted"> (the key on each ticks it)</span>}</legend>
      <div className="service-toggle-grid">
        {services.map((s, i) => {
          const on = s.id in ticked;
          const digit = numberKeys ? SERVICE_KEYS[i] : undefined;
          const qtyError = errors[`quantity.${s.id}`];
          return (
            <div className={on ? 'service-toggle on' : 'service-toggle'} key={s.id} data-service-id={s.id}>
              <label>
                <input
                  type="checkbox"
                  name="service"
                  value={s.id}
                  checked={on}
                  onChange={() => onToggle(s.id)}
                  aria-keyshortcuts={digit}
                  id={toggleId(id, i, s.id)}
                />
                {digit && <kbd aria-hidden="true">{digit}</kbd>}
                <span>{s.name}</span>
              </label>
              {s.kind === 'supply' && on && (
                <span className="service-toggle-quantity">
                  <input
                    id={`qty-${s.id}`}
                    type="number"
                    name={`quantity.${s.id}`}
                    value={ticked[s.id]}
                    min={1}
                    max={QUANTITY_MAX}
                    inputMode="numeric"
                    aria-label={`How many: ${s.name}`}
                    aria-invalid={qtyError ? true : undefined}
                    aria-describedby={qtyError ? `qty-${s.id}-error` : undefined}
                    onChange={(e) => onQuantity(s.id, e.target.value)}
                    aria-keyshortcuts={numberKeys ? 'Plus -' : undefined}
                    onFocus={(e) => e.currentTarget.select()}
                  />
                  {s.unit && (
                    <span className="muted" aria-hidden="true">
                      {s.unit}
                    </span>
                  )}
                  {qtyError && (
                    <span id={`qty-${s.id}-error`} className="field-error">
                      {qtyError}
                    </span>
                  )}
                </span>
              )}
            </div>
          );
        })}
      </div>
      {groupError && (
        <span id={`${id}-error`} className="field-error">
          {groupError}
        </span>
      )}
    </fieldset>
  );
}
