'use client';

import { useState } from 'react';
import { newEntryId } from './send-entry.ts';
import { useOutbox } from './queue/outbox.tsx';

/** Voids a mistaken contact with a reason: it stays on record, muted, and leaves every count. */
export function VoidContact({ contactId }: { contactId: string }) {
  const { submit: queue } = useOutbox();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const fieldId = `void-${contactId}`;
  const submit = async () => {
    const result = await queue({ id: newEntryId(), type: 'contact.void', payload: { id: contactId, reason } });
    if (!result.ok) return setError(result.message);
    setError(null);
  };
  return (
    <details className="outreach-void">
      <summary>Void</summary>
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        className="row"
      >
        <div className="field">
          <label htmlFor={fieldId}>Reason</label>
          <input
            id={fieldId}
            value={reason}
            maxLength={200}
            onChange={(e) => setReason(e.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${fieldId}-error` : undefined}
          />
          {error && (
            <span id={`${fieldId}-error`} className="field-error">
              {error}
            </span>
          )}
        </div>
        <button type="submit" className="button secondary">
          Void contact
        </button>
      </form>
    </details>
  );
}
