import type { Random } from './random.ts';

// What the benchmark types and saves: search text as people type it at the desk, and visits as
// the quick-log panel sends them. Pure and seeded, so every run asks the same questions.

export type Person = { id: string; alias: string; code: string };
export type ServiceTypeRef = { id: string; kind: 'service' | 'supply' };
export type VisitInput = {
  idempotencyKey: string;
  participantId: string | null;
  services: { serviceTypeId: string; quantity: number }[];
};

/**
 * Two to four characters: the start of an alias (most often), a piece from inside one, or the
 * start of a code with or without its hyphen; in either case half the time in lower case.
 */
export function searchQueries(random: Random, people: readonly Person[], count: number): string[] {
  return Array.from({ length: count }, () => {
    const person = random.pick(people);
    const length = random.int(2, 4);
    const kind = random.weighted([
      ['prefix', 55],
      ['infix', 15],
      ['code', 30],
    ] as const);
    let text: string;
    if (kind === 'code') {
      const bare = person.code.replace('-', '').slice(0, length);
      text = length === 4 && random.chance(0.5) ? `${bare.slice(0, 3)}-${bare.slice(3)}` : bare;
    } else {
      const from = kind === 'infix' ? random.int(1, Math.max(1, person.alias.length - length)) : 0;
      text = person.alias.slice(from, from + length);
      // A piece that is mostly a space would be trimmed below the search's minimum: type the start instead.
      if (text.trim().length < 2) text = person.alias.slice(0, length);
    }
    return random.chance(0.5) ? text.toLowerCase() : text;
  });
}

/** Visits as the desk logs them: 15% anonymous, one to three services, supplies one to three at a time. */
export function visitInputs(random: Random, people: readonly Person[], types: readonly ServiceTypeRef[], count: number): VisitInput[] {
  return Array.from({ length: count }, () => {
    const picked = random.shuffle(types).slice(0, random.int(1, Math.min(3, types.length)));
    return {
      idempotencyKey: random.uuid(),
      participantId: random.chance(0.15) ? null : random.pick(people).id,
      services: picked.map((t) => ({ serviceTypeId: t.id, quantity: t.kind === 'supply' ? random.int(1, 3) : 1 })),
    };
  });
}
