import type { ParticipantSeedRow } from './participant-rows.ts';
import type { Exec } from './visit-sql.ts';

// Loads generated participants with one INSERT … SELECT FROM jsonb_to_recordset per batch: a
// few round trips for thousands of rows, which matters on the embedded database.

/** A row as loaded: the sensitive texts already encrypted (base64), or null. */
export type ParticipantLoadRow = Omit<ParticipantSeedRow, 'safe_contact' | 'notes'> & {
  safe_contact_enc: string | null;
  notes_enc: string | null;
};

export const INSERT_PARTICIPANTS_SQL = `
INSERT INTO participant (
  id, code, alias, birth_year, birth_year_state, gender, gender_self_described, indigenous_identity,
  pronouns, pronouns_state, language, language_state, home_community, home_community_state, travelling,
  safe_contact_enc, notes_enc, consent_at, consent_by_id, created_at, created_by_id, updated_at, last_activity_at)
SELECT r.id, r.code, r.alias, r.birth_year, r.birth_year_state::"AnswerState", r.gender::"GenderIdentity", r.gender_self_described,
  r.indigenous_identity::"IndigenousIdentity", r.pronouns, r.pronouns_state::"AnswerState", r.language, r.language_state::"AnswerState",
  r.home_community, r.home_community_state::"AnswerState", r.travelling::"YesNoDeclined",
  decode(r.safe_contact_enc, 'base64'), decode(r.notes_enc, 'base64'),
  r.consent_at, r.consent_by_id, r.consent_at, r.consent_by_id, r.consent_at, r.consent_at
FROM jsonb_to_recordset($1::jsonb) AS r(
  id uuid, code text, alias text, birth_year int, birth_year_state text, gender text, gender_self_described text,
  indigenous_identity text, pronouns text, pronouns_state text, language text, language_state text,
  home_community text, home_community_state text, travelling text, safe_contact_enc text, notes_enc text,
  consent_at timestamptz, consent_by_id uuid)`;

/** Inserts the rows in batches of `batch`, calling `progress` with the count so far. */
export async function insertParticipants(exec: Exec, rows: readonly ParticipantLoadRow[], batch = 5_000, progress?: (done: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += batch) {
    await exec(INSERT_PARTICIPANTS_SQL, [JSON.stringify(rows.slice(i, i + batch))]);
    progress?.(Math.min(i + batch, rows.length));
  }
}

/** Rows with no sensitive text at all (the benchmark's, or the demo's when there is no key). */
export function withoutSensitive(rows: readonly ParticipantSeedRow[]): ParticipantLoadRow[] {
  return rows.map(({ safe_contact: _s, notes: _n, ...rest }) => ({ ...rest, safe_contact_enc: null, notes_enc: null }));
}
