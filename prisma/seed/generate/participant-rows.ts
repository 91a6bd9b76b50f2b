import { CODE_ALPHABET } from '../../../lib/participants/code.ts';
import type { Random } from './random.ts';

// Invented participants for the demo and the benchmark, as rows ready for the participant
// table: every optional answer mixes "not asked", "prefers not to answer" and answers in
// proportions a drop-in program might see, and always satisfies the table's check constraints.

type AnswerState = 'not_asked' | 'declined' | 'answered';

export type ParticipantSeedRow = {
  id: string;
  code: string;
  alias: string;
  birth_year: number | null;
  birth_year_state: AnswerState;
  gender: string | null;
  gender_self_described: string | null;
  indigenous_identity: string | null;
  pronouns: string | null;
  pronouns_state: AnswerState;
  language: string | null;
  language_state: AnswerState;
  home_community: string | null;
  home_community_state: AnswerState;
  travelling: 'yes' | 'no' | 'declined' | null;
  /** Plain text here; encrypted before it reaches the database (or dropped when there is no key). */
  safe_contact: string | null;
  notes: string | null;
  /** ISO instant; moved to just before the first visit once visits exist. */
  consent_at: string;
  consent_by_id: string;
};

export type ParticipantRowOptions = {
  aliases: readonly string[];
  /** Staff who record consent (and create the record). */
  staffIds: readonly string[];
  /** Consent dates fall in [from, to). */
  from: Date;
  to: Date;
  /** Share of people with a safe contact or notes; 0 when no encryption key is available. */
  sensitiveShare: number;
};

const GENDERS = [
  ['woman', 46],
  ['trans_woman', 9],
  ['man', 5],
  ['non_binary', 5],
  ['two_spirit', 3],
  ['trans_man', 2],
  ['self_described', 1],
  ['declined', 7],
  [null, 22],
] as const;
const SELF_DESCRIBED = ['genderfluid', 'femme', 'agender', 'questioning'];
const INDIGENOUS = [
  ['first_nations', 26],
  ['metis', 8],
  ['inuit', 1],
  ['none', 27],
  ['declined', 8],
  [null, 30],
] as const;
const PRONOUNS = [
  ['she/her', 70],
  ['they/them', 14],
  ['she/they', 8],
  ['he/him', 5],
  ['any pronouns', 3],
] as const;
const LANGUAGES = [
  ['English', 84],
  ['French', 4],
  ['Secwepemctsín', 3],
  ['Spanish', 3],
  ['Cree', 2],
  ['Tagalog', 2],
  ['Punjabi', 1],
  ['Vietnamese', 1],
] as const;
const COMMUNITIES = [
  ['Kamloops', 55],
  ['Merritt', 6],
  ['Chase', 4],
  ['Vernon', 5],
  ['Kelowna', 6],
  ['Williams Lake', 4],
  ['Salmon Arm', 4],
  ['Clearwater', 2],
  ['Barriere', 2],
  ['Logan Lake', 2],
  ['Ashcroft', 2],
  ['Prince George', 3],
  ['Vancouver', 4],
  ['Alberta', 1],
] as const;
const SAFE_CONTACTS = [
  'Text only, after 6 pm. Do not leave voicemail.',
  'Through the Alumni Group; never call directly.',
  'Email is safe. Phone is shared with a partner.',
  'Drop-in only. No phone contact.',
  'Outreach may leave a message with the motel front desk.',
];
const NOTES = [
  'Interested in the know-your-rights workshop.',
  'Asked about transitioning support and employment training.',
  'Prefers to see the same outreach worker when possible.',
  'Would like a referral to the sexual health clinic.',
  'Looking for housing; on the waitlist with a housing agency.',
  'Travels for work in summer; check in when back in town.',
];

/** `count` unique codes in the participant_code_format shape (e.g. K7Q-4M2). */
export function seedCodes(random: Random, count: number): string[] {
  const codes = new Set<string>();
  const half = () => Array.from({ length: 3 }, () => CODE_ALPHABET[random.int(0, CODE_ALPHABET.length - 1)]).join('');
  while (codes.size < count) codes.add(`${half()}-${half()}`);
  return [...codes];
}

/** An optional free-text answer: not asked, declined, or an answer from the list. */
function answer<T extends string>(random: Random, asked: number, declined: number, choices: readonly (readonly [T, number])[]) {
  const state = random.weighted([
    ['not_asked', 100 - asked],
    ['declined', declined],
    ['answered', asked - declined],
  ] as const);
  return { state, value: state === 'answered' ? random.weighted(choices) : null };
}

/** One row per alias, deterministic for a given random stream. */
export function participantRows(random: Random, opts: ParticipantRowOptions): ParticipantSeedRow[] {
  const codes = seedCodes(random.fork('codes'), opts.aliases.length);
  const span = opts.to.getTime() - opts.from.getTime();
  const thisYear = opts.to.getUTCFullYear();
  return opts.aliases.map((alias, i) => {
    const r = random.fork(`person-${i}`);
    const birth = answer(r, 60, 10, [['y', 1]] as const);
    const gender = r.weighted(GENDERS);
    const pronouns = answer(r, 58, 5, PRONOUNS);
    const language = answer(r, 55, 3, LANGUAGES);
    const community = answer(r, 60, 10, COMMUNITIES);
    const sensitive = r.chance(opts.sensitiveShare);
    return {
      id: r.uuid(),
      code: codes[i]!,
      alias,
      // Ages 19 to 64, most between the mid-twenties and mid-forties.
      birth_year: birth.value ? thisYear - Math.round(19 + 45 * Math.pow(r.next(), 1.6)) : null,
      birth_year_state: birth.state,
      gender,
      gender_self_described: gender === 'self_described' ? r.pick(SELF_DESCRIBED) : null,
      indigenous_identity: r.weighted(INDIGENOUS),
      pronouns: pronouns.value,
      pronouns_state: pronouns.state,
      language: language.value,
      language_state: language.state,
      home_community: community.value,
      home_community_state: community.state,
      travelling: r.weighted([
        ['no', 38],
        ['yes', 12],
        ['declined', 5],
        [null, 45],
      ] as const),
      safe_contact: sensitive && r.chance(0.7) ? r.pick(SAFE_CONTACTS) : null,
      notes: sensitive && r.chance(0.7) ? r.pick(NOTES) : null,
      consent_at: new Date(opts.from.getTime() + Math.floor(r.next() * span)).toISOString(),
      consent_by_id: r.pick(opts.staffIds),
    };
  });
}
