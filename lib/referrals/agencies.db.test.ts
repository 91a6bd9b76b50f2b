import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { agenciesByCategory, createAgency, listAgencies, updateAgency } from './agencies.ts';
import { expectAppError } from './test-helpers.ts';

const form = (over: Record<string, unknown> = {}) => ({
  name: 'ASK Wellness Society',
  categories: ['housing', 'health'],
  phone: '250-555-0142',
  active: 'on',
  ...over,
});

describe('agency directory', () => {
  it('coordinators add and edit agencies; every staff role reads and searches them by name and category', async () => {
    const c = await makeActor('coordinator');
    const { id } = await createAgency(c, form());
    await createAgency(c, form({ name: 'CMHA Kamloops', categories: 'mental_health' }));
    const peer = await makeActor('peer');
    expect((await listAgencies(peer)).map((a) => a.name)).toEqual(['ASK Wellness Society', 'CMHA Kamloops']);
    expect((await listAgencies(peer, { q: 'cmha' })).map((a) => a.name)).toEqual(['CMHA Kamloops']);
    expect((await listAgencies(peer, { category: 'housing' })).map((a) => a.name)).toEqual(['ASK Wellness Society']);
    await updateAgency(c, { id, ...form({ active: '' }) });
    expect((await listAgencies(peer)).map((a) => a.name)).toEqual(['CMHA Kamloops']);
    expect((await listAgencies(peer, { includeInactive: true })).map((a) => a.name)).toHaveLength(2);
    expect((await agenciesByCategory(peer)).map((g) => g.category)).toEqual(['mental_health']);
    expect(await db.auditEvent.count({ where: { action: { in: ['agency.created', 'agency.updated'] } } })).toBe(3);
  });

  it('refuses a duplicate name, no category, and a too-long phone, beside the field', async () => {
    const m = await makeActor('manager');
    await createAgency(m, form());
    await expectAppError(createAgency(m, form({ name: 'ASK Wellness Society' })), 'conflict', /already in the directory/, 'name');
    await expectAppError(createAgency(m, form({ name: 'Other', categories: [] })), 'invalid', /at least one category/, 'categories');
    await expectAppError(createAgency(m, form({ name: 'Other', phone: '1'.repeat(41) })), 'invalid', /40 characters/, 'phone');
    expect(await db.agency.count()).toBe(1);
  });

  for (const role of ['peer', 'outreach', 'admin'] as const) {
    it(`refuses a ${role} changing the directory`, async () => {
      await expectAppError(createAgency(await makeActor(role), form()), 'forbidden');
      expect(await db.agency.count()).toBe(0);
    });
  }
});
