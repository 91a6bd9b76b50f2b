import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Actor } from './auth/session.ts';
import { AppError, DB_UNREACHABLE, DB_UNREACHABLE_READ } from './errors.ts';

// defineAction's answers when the database does not answer, with the session and cookies faked:
// the form keeps what was typed and gets the plain message; a bug still throws; a committed save
// (and only a save) leaves the mark the error page reads.

const session = vi.hoisted(() => ({ getActor: vi.fn(), auditRefusal: vi.fn() }));
const jar = vi.hoisted(() => ({ set: vi.fn() }));
vi.mock('./auth/session.ts', () => session);
vi.mock('next/headers', () => ({ cookies: async () => jar }));

const { defineAction } = await import('./action.ts');

const actor = { id: 'a', role: 'coordinator' } as unknown as Actor;
const schema = z.object({ idempotencyKey: z.string(), note: z.string() });
const form = () => {
  const data = new FormData();
  data.set('idempotencyKey', 'k-1');
  data.set('note', 'typed before the outage');
  data.set('password', 'never echoed');
  return data;
};
// The shape Prisma gives when the pool cannot connect, and the adapter's for a reset connection.
const refused = Object.assign(new Error("Can't reach database server"), { code: 'P1001' });
const reset = Object.assign(new Error('read ECONNRESET'), { meta: { driverAdapterError: { cause: { kind: 'ConnectionClosed' } } } });

beforeEach(() => {
  vi.clearAllMocks();
  session.getActor.mockResolvedValue(actor);
});

describe('defineAction when the database does not answer', () => {
  it('answers beside the form, keeping what was typed and the key, when the save cannot reach it', async () => {
    const action = defineAction({ permission: 'visit:create', schema, run: async () => { throw reset; } });
    expect(await action(null, form())).toEqual({ ok: false, formError: DB_UNREACHABLE, values: { idempotencyKey: 'k-1', note: 'typed before the outage' } });
    expect(jar.set).not.toHaveBeenCalled();
  });

  it('answers the same when the session cannot be read, and a look-up says nothing of saving', async () => {
    session.getActor.mockRejectedValue(refused);
    const save = defineAction({ permission: 'visit:create', schema, run: async () => {} });
    expect(await save(null, form())).toMatchObject({ ok: false, formError: DB_UNREACHABLE });
    const lookUp = defineAction({ permission: 'visit:create', schema, readOnly: true, run: async () => {} });
    expect(await lookUp(null, form())).toMatchObject({ ok: false, formError: DB_UNREACHABLE_READ });
  });

  it('still throws a bug to the error page, and still answers a refusal as before', async () => {
    const bug = defineAction({ permission: 'visit:create', schema, run: async () => { throw new TypeError('x is undefined'); } });
    await expect(bug(null, form())).rejects.toThrow('x is undefined');
    const refusal = defineAction({ permission: 'visit:create', schema, run: async () => { throw new AppError('conflict', 'That slot was just taken.'); } });
    expect(await refusal(null, form())).toMatchObject({ ok: false, formError: 'That slot was just taken.' });
  });

  it('marks a committed save (also one that redirects), never a look-up or a refusal', async () => {
    await defineAction({ permission: 'visit:create', schema, run: async () => {} })(null, form());
    expect(jar.set).toHaveBeenCalledTimes(1);
    expect(jar.set.mock.calls[0]![0]).toBe('lantern-saved');
    expect(jar.set.mock.calls[0]![1]).toMatch(/^\d+$/);
    const redirect = Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/participants/1;307;' });
    await expect(defineAction({ permission: 'visit:create', schema, run: async () => { throw redirect; } })(null, form())).rejects.toBe(redirect);
    expect(jar.set).toHaveBeenCalledTimes(2);
    await defineAction({ permission: 'visit:create', schema, readOnly: true, run: async () => {} })(null, form());
    await defineAction({ permission: 'visit:create', schema, run: async () => { throw new AppError('invalid', 'No.'); } })(null, form());
    expect(jar.set).toHaveBeenCalledTimes(2);
  });
});
