import { AGE_RANGE_LABELS, DECLINED, GENDER_LABELS, INDIGENOUS_LABELS, NOT_ASKED, TRAVELLING_LABELS } from '@/lib/participants/labels.ts';
import type { ParticipantDetails } from '@/lib/participants/queries.ts';
import { formatDate } from '@/lib/calendar/index.ts';

function answer(state: string, value: string | null): string {
  if (state === 'declined') return DECLINED;
  return value ?? NOT_ASKED;
}

function coded<K extends string>(labels: Record<K, string>, value: K | null): string {
  return value === null ? NOT_ASKED : labels[value];
}

/** The optional answers, visits and consent, for the roles that may see more than alias and code. */
export function ProfileDetails({ d }: { d: ParticipantDetails }) {
  const gender =
    d.gender === 'self_described' && d.genderSelfDescribed ? `${GENDER_LABELS.self_described}: ${d.genderSelfDescribed}` : coded(GENDER_LABELS, d.gender);
  const age = d.ageRange ? AGE_RANGE_LABELS[d.ageRange] : answer(d.birthYearState, null);
  return (
    <dl className="details">
      <dt>Age range</dt>
      <dd>{age}</dd>
      <dt>Gender identity</dt>
      <dd>{gender}</dd>
      <dt>Indigenous identity</dt>
      <dd>{coded(INDIGENOUS_LABELS, d.indigenousIdentity)}</dd>
      <dt>Pronouns</dt>
      <dd>{answer(d.pronounsState, d.pronouns)}</dd>
      <dt>Preferred language</dt>
      <dd>{answer(d.languageState, d.language)}</dd>
      <dt>Home community</dt>
      <dd>{answer(d.homeCommunityState, d.homeCommunity)}</dd>
      <dt>Travelling worker</dt>
      <dd>{coded(TRAVELLING_LABELS, d.travelling)}</dd>
      <dt>Visits</dt>
      <dd>
        {d.visitCount}
        {d.lastSeenAt ? `, last seen ${formatDate(d.lastSeenAt)}` : ', not seen yet'}
      </dd>
      <dt>Consent</dt>
      <dd>
        Agreed that we keep a record on {formatDate(d.consentAt)}, recorded by {d.consentBy}
      </dd>
    </dl>
  );
}
