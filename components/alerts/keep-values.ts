import { startTransition, type FormEvent } from 'react';

/**
 * Submits a form to its action without React's automatic reset afterwards. The reset puts native
 * inputs back to their defaults, which unticks radios and checkboxes whose React state still says
 * ticked (they would then not be posted); a refused form must keep exactly what was chosen.
 */
export function submitKeepingValues(action: (data: FormData) => void) {
  return (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => action(data));
  };
}
