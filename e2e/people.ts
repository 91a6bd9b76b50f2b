import { randomInt, randomUUID } from 'node:crypto';
import type { Sql } from './fixtures.ts';

// A participant of a spec's own, made straight in the database: a pronounceable, unique search word
// for the alias (so parallel tests never find each other's people) and a code in the app's alphabet.

const CODE_CHARACTERS = 'ACDEFGHJKMNPQRTUVWXY34679';
const pick = (chars: string, n: number) => Array.from({ length: n }, () => chars[randomInt(chars.length)]).join('');

export async function createParticipant(sql: Sql, surname = 'Wren') {
  const search = pick('BCDFGHJKLMNPQRSTVWXZ', 1) + pick('aeiouy', 1) + pick('bcdfghjklmnpqrstvwxz', 3);
  const alias = `${search} ${surname}`;
  const code = `${pick(CODE_CHARACTERS, 3)}-${pick(CODE_CHARACTERS, 3)}`;
  const id = randomUUID();
  await sql(
    `INSERT INTO participant (id, code, alias, consent_at, consent_by_id, created_by_id, updated_at)
     SELECT $1, $2, $3, now(), id, id, now() FROM staff_user WHERE email = 'coordinator@example.org'`,
    [id, code, alias],
  );
  return { id, alias, code, search };
}
