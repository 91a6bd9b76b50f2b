// The quick log's "Add this person" carries the typed alias to the new-participant form in this
// tab's session storage, read once and removed: an alias must never travel in a URL.

const KEY = 'lantern.newParticipantAlias';

export function offerAlias(alias: string): void {
  try {
    sessionStorage.setItem(KEY, alias.trim());
  } catch {
    // Storage refused (private mode, full): the form opens empty, as it always did.
  }
}

/** The alias offered, once (then forgotten), or ''. */
export function takeOfferedAlias(): string {
  try {
    const alias = sessionStorage.getItem(KEY) ?? '';
    sessionStorage.removeItem(KEY);
    return alias;
  } catch {
    return '';
  }
}
