'use client';

import { useState, type FormEvent } from 'react';
import type { ActionState } from '@/lib/action.ts';

/**
 * A form's field errors from its last answer, each gone as soon as its field is changed: a message
 * beside a field that has been put right is not left standing until the next submit. Put
 * `onChange` on the <form> (change events bubble from every field); `clear(name)` for a field
 * chosen some other way (a picker). A new answer brings its own errors back.
 */
export function useLiveErrors(state: ActionState) {
  const [edited, setEdited] = useState<{ state: ActionState; names: ReadonlySet<string> }>({ state, names: new Set() });
  const names = edited.state === state ? edited.names : new Set<string>();
  const all = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const errors: Record<string, string> = Object.fromEntries(Object.entries(all).filter(([name]) => !names.has(name)));
  const clear = (name: string) => {
    if (all[name] && !names.has(name)) setEdited({ state, names: new Set([...names, name]) });
  };
  const onChange = (event: FormEvent<HTMLFormElement>) => {
    const name = (event.target as HTMLInputElement).name;
    if (name) clear(name);
  };
  return { errors, onChange, clear };
}
