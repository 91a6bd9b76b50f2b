'use client';

import { useEffect, useRef, useState, type ReactNode } from 'react';

/**
 * A destructive action asked once. The first press (mouse, Enter or Space) only opens the question
 * beside the button; focus lands on the safe answer ("Keep"), so a second stray Enter keeps the
 * record. The question answers to the keyboard: Y or the "Yes" button does it, N, Esc or "Keep"
 * closes it and puts focus back on the button that opened it.
 *
 * Inside a `<form>` (the usual case) the "Yes" button submits that form; `onConfirm` is for
 * actions sent from script instead. `name`/`value` go on the submitting button, as on the button
 * this replaces.
 */
export function ConfirmStep({
  label,
  question,
  confirmLabel,
  keepLabel = 'Keep',
  onConfirm,
  busy = false,
  className = 'button secondary small',
  confirmClassName = 'button danger small',
  name,
  value,
  children,
}: {
  /** The button's text ("Cancel booking"). */
  label: ReactNode;
  /** What is asked ("Cancel Ana's 10:00 shower?"). */
  question: ReactNode;
  /** The answer that does it ("Yes, cancel it"). */
  confirmLabel: ReactNode;
  keepLabel?: ReactNode;
  onConfirm?: () => void;
  busy?: boolean;
  className?: string;
  confirmClassName?: string;
  name?: string;
  value?: string;
  /** Extra content shown inside the question (a reason field, say). */
  children?: ReactNode;
}) {
  const [asking, setAsking] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);

  useEffect(() => {
    if (asking) keep.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      opener.current?.focus();
    }
  }, [asking]);

  const close = () => {
    returnFocus.current = true;
    setAsking(false);
  };

  if (!asking) {
    return (
      <button ref={opener} type="button" className={className} aria-haspopup="true" disabled={busy} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }

  return (
    <span
      role="group"
      aria-label={typeof label === 'string' ? label : undefined}
      className="confirm-step"
      onKeyDown={(event) => {
        if (event.target instanceof HTMLInputElement || event.target instanceof HTMLTextAreaElement || event.target instanceof HTMLSelectElement) {
          if (event.key === 'Escape') {
            event.preventDefault();
            close();
          }
          return;
        }
        const key = event.key.toLowerCase();
        if (key === 'escape' || key === 'n') {
          event.preventDefault();
          close();
        } else if (key === 'y') {
          event.preventDefault();
          (event.currentTarget.querySelector('[data-confirm-yes]') as HTMLButtonElement | null)?.click();
        }
      }}
    >
      <span className="confirm-step-question">{question}</span>
      {children}
      <button
        type={onConfirm ? 'button' : 'submit'}
        data-confirm-yes
        className={confirmClassName}
        disabled={busy}
        name={onConfirm ? undefined : name}
        value={onConfirm ? undefined : value}
        aria-keyshortcuts="Y"
        onClick={onConfirm ? () => onConfirm() : undefined}
      >
        {confirmLabel}
      </button>
      <button ref={keep} type="button" className="button secondary small" aria-keyshortcuts="N Escape" onClick={close}>
        {keepLabel}
      </button>
    </span>
  );
}
