'use client';

import { startTransition, type FormEvent } from 'react';

/**
 * Submits a form to its action without React's reset of the form afterwards: a refused form keeps
 * every choice (selects, radios, ticked boxes) so the person fixes one field instead of redoing all.
 */
export function keptSubmit(action: (formData: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => action(data));
  };
}
