import type { ParticipantForEdit } from '@/lib/participants/queries.ts';

/** A stored record as the edit form's field values (strings; ticked boxes are "on"). */
export function formValuesFrom(p: ParticipantForEdit): Record<string, string> {
  const tick = (state: string) => (state === 'declined' ? 'on' : '');
  return {
    alias: p.alias ?? '',
    birthYear: p.birthYear === null ? '' : String(p.birthYear),
    birthYearDeclined: tick(p.birthYearState),
    gender: p.gender ?? '',
    genderSelfDescribed: p.genderSelfDescribed ?? '',
    indigenousIdentity: p.indigenousIdentity ?? '',
    pronouns: p.pronouns ?? '',
    pronounsDeclined: tick(p.pronounsState),
    language: p.language ?? '',
    languageDeclined: tick(p.languageState),
    homeCommunity: p.homeCommunity ?? '',
    homeCommunityDeclined: tick(p.homeCommunityState),
    travelling: p.travelling ?? '',
  };
}
