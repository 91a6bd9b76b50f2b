import { describe, expect, it } from 'vitest';
import { backwardKeys, foreignKeyOrder, type ForeignKey } from './catalog.ts';

const fk = (table: string, references: string): ForeignKey => ({ name: `${table}_${references}_fkey`, table, references, deferrable: false });

describe('foreign-key order', () => {
  it('puts every table after the tables it references, ties by name', () => {
    const keys = [fk('visit', 'participant'), fk('visit', 'staff_user'), fk('participant', 'staff_user'), fk('visit_service', 'visit')];
    const order = foreignKeyOrder(['visit_service', 'visit', 'staff_user', 'participant', 'agency'], keys);
    expect(order).toEqual(['agency', 'staff_user', 'participant', 'visit', 'visit_service']);
    expect(backwardKeys(order, keys)).toEqual([]);
  });

  it('leaves a self-reference and a cycle to be checked at commit', () => {
    const keys = [fk('participant', 'participant'), fk('a', 'b'), fk('b', 'a'), fk('c', 'a')];
    const order = foreignKeyOrder(['c', 'b', 'a', 'participant'], keys);
    expect(order).toEqual(['participant', 'a', 'b', 'c']);
    expect(backwardKeys(order, keys).map((k) => k.name)).toEqual(['participant_participant_fkey', 'a_b_fkey']);
  });
});
