import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import type { Actor } from './auth/session.ts';
import { AppError, DB_UNREACHABLE, DB_UNREACHABLE_MAYBE_SAVED, DB_UNREACHABLE_READ } from './errors.ts';

// defineAction's answers when the database does not answer, with the session and cookies faked:
// the form keeps what was typed and gets the plain message; a bug still throws; a committed save
// (and only a save) leaves the mark the error page reads.

const session = vi.hoisted(() => ({ getActor: vi.fn(), auditRefusal: vi.fn() }));
const jar = vi.hoisted(() => ({ set: vi.fn(), get: vi.fn(), delete: vi.fn() }));
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

// The token the browser's listener sent with this submission (lib/saved-cookie.ts).
const TOKEN = '0123456789abcdef0123456789abcdef';

beforeEach(() => {
  vi.clearAllMocks();
  session.getActor.mockResolvedValue(actor);
  jar.get.mockImplementation((name: string) => (name === 'lantern-submit' ? { name, value: TOKEN } : undefined));
});

describe('defineAction when the database does not answer', () => {
  it('answers beside the form, keeping what was typed and the key, when the save cannot reach it', async () => {
    const action = defineAction({
      permission: 'visit:create',
      schema,
      idempotent: true,
      run: async () => {
        throw reset;
      },
    });
    expect(await action(null, form())).toEqual({ ok: false, formError: DB_UNREACHABLE, values: { idempotencyKey: 'k-1', note: 'typed before the outage' } });
    expect(jar.set).not.toHaveBeenCalled();
  });

  it('says "not saved, try again" only for a save whose retry is safe; any other may have committed', async () => {
    // The answer to COMMIT can be what was lost: without a key, a retry would store it twice.
    const unkeyed = defineAction({
      permission: 'participant:create',
      schema,
      run: async () => {
        throw reset;
      },
    });
    expect(await unkeyed(null, form())).toEqual({
      ok: false,
      formError: DB_UNREACHABLE_MAYBE_SAVED,
      values: { idempotencyKey: 'k-1', note: 'typed before the outage' },
    });
    expect(DB_UNREACHABLE_MAYBE_SAVED).toBe('The database did not answer, so this may not have been saved. Check before entering it again.');
    const perForm = defineAction({
      permission: 'visit:create',
      schema,
      idempotent: (raw) => raw.note === 'keyed',
      run: async () => {
        throw reset;
      },
    });
    expect(await perForm(null, form())).toMatchObject({ formError: DB_UNREACHABLE_MAYBE_SAVED });
    const keyed = form();
    keyed.set('note', 'keyed');
    expect(await perForm(null, keyed)).toMatchObject({ formError: DB_UNREACHABLE });
  });

  it('answers the same when the session cannot be read, and a look-up says nothing of saving', async () => {
    session.getActor.mockRejectedValue(refused);
    const save = defineAction({ permission: 'visit:create', schema, idempotent: true, run: async () => {} });
    expect(await save(null, form())).toMatchObject({ ok: false, formError: DB_UNREACHABLE });
    const lookUp = defineAction({ permission: 'visit:create', schema, readOnly: true, run: async () => {} });
    expect(await lookUp(null, form())).toMatchObject({ ok: false, formError: DB_UNREACHABLE_READ });
  });

  it('counts a transaction the database could not start or kept past its timeout as an outage, not other P2028s', async () => {
    const p2028 = (message: string) => Object.assign(new Error(`Transaction API error: ${message}`), { code: 'P2028' });
    for (const message of [
      'Unable to start a transaction in the given time.',
      'A commit cannot be executed on an expired transaction. The timeout for this transaction was 5000 ms, however 5012 ms passed since the start of the transaction.',
    ]) {
      const error = p2028(message);
      expect(
        await defineAction({
          permission: 'visit:create',
          schema,
          idempotent: true,
          run: async () => {
            throw error;
          },
        })(null, form()),
      ).toMatchObject({ formError: DB_UNREACHABLE });
    }
    const bug = p2028('Transaction already closed: A query cannot be executed on a committed transaction.');
    await expect(
      defineAction({
        permission: 'visit:create',
        schema,
        run: async () => {
          throw bug;
        },
      })(null, form()),
    ).rejects.toBe(bug);
  });

  it('still throws a bug to the error page, and still answers a refusal as before', async () => {
    const bug = defineAction({
      permission: 'visit:create',
      schema,
      run: async () => {
        throw new TypeError('x is undefined');
      },
    });
    await expect(bug(null, form())).rejects.toThrow('x is undefined');
    const refusal = defineAction({
      permission: 'visit:create',
      schema,
      run: async () => {
        throw new AppError('conflict', 'That slot was just taken.');
      },
    });
    expect(await refusal(null, form())).toMatchObject({ ok: false, formError: 'That slot was just taken.' });
  });

  it('marks a committed save (also one that redirects), never a look-up or a refusal', async () => {
    await defineAction({ permission: 'visit:create', schema, run: async () => {} })(null, form());
    expect(jar.set).toHaveBeenCalledTimes(1);
    expect(jar.set.mock.calls[0]![0]).toBe('lantern-saved');
    expect(jar.set.mock.calls[0]![1]).toMatch(new RegExp(`^\\d+\\.${TOKEN}$`));
    const redirect = Object.assign(new Error('NEXT_REDIRECT'), { digest: 'NEXT_REDIRECT;replace;/participants/1;307;' });
    await expect(
      defineAction({
        permission: 'visit:create',
        schema,
        run: async () => {
          throw redirect;
        },
      })(null, form()),
    ).rejects.toBe(redirect);
    expect(jar.set).toHaveBeenCalledTimes(2);
    await defineAction({ permission: 'visit:create', schema, readOnly: true, run: async () => {} })(null, form());
    await defineAction({
      permission: 'visit:create',
      schema,
      run: async () => {
        throw new AppError('invalid', 'No.');
      },
    })(null, form());
    expect(jar.set).toHaveBeenCalledTimes(2);
  });

  it('ties the mark to the submission that sent it; without a usable token it leaves no mark at all', async () => {
    jar.get.mockReturnValue({ name: 'lantern-submit', value: 'not-a-token; Path=/' });
    await defineAction({ permission: 'visit:create', schema, run: async () => {} })(null, form());
    jar.get.mockReturnValue(undefined);
    await defineAction({ permission: 'visit:create', schema, run: async () => {} })(null, form());
    expect(jar.set).not.toHaveBeenCalled();
    expect(jar.delete).toHaveBeenCalledTimes(2);
    expect(jar.delete).toHaveBeenCalledWith('lantern-saved');
  });
});

describe('defineAction: where a refusal is said', () => {
  const fields = z.object({
    id: z.string().uuid('That record was not found.'),
    idempotencyKey: z.string().min(1, 'Reload the page.'),
    note: z.string().min(3, 'Write a little more.'),
  });
  const sent = (values: Record<string, string>) => {
    const data = new FormData();
    for (const [k, v] of Object.entries(values)) data.set(k, v);
    return data;
  };

  it('beside the field the schema path names; an input the form hides (and the key) answers for the whole form', async () => {
    const action = defineAction({ permission: 'visit:create', schema: fields, hidden: ['id'], run: async () => {} });
    expect(await action(null, sent({ id: 'x', idempotencyKey: 'k', note: 'ok' }))).toMatchObject({ ok: false, formError: 'That record was not found.' });
    const both = await action(null, sent({ id: 'x', idempotencyKey: '', note: 'a' }));
    expect(both).toMatchObject({ formError: 'That record was not found.', fieldErrors: { note: 'Write a little more.' } });
    expect(both).not.toHaveProperty('fieldErrors.id');
    expect(both).not.toHaveProperty('fieldErrors.idempotencyKey');
  });

  it('a form of buttons (hidden: true) gets every refusal as its own, from the schema or from the data layer', async () => {
    const buttons = defineAction({
      permission: 'visit:create',
      schema: fields,
      hidden: true,
      run: async () => {
        throw new AppError('invalid', 'Too short.', 'note');
      },
    });
    expect(await buttons(null, sent({ id: randomUuid, idempotencyKey: 'k', note: 'a' }))).toEqual({
      ok: false,
      formError: 'Write a little more.',
      values: expect.any(Object),
    });
    expect(await buttons(null, sent({ id: randomUuid, idempotencyKey: 'k', note: 'long enough' }))).toEqual({
      ok: false,
      formError: 'Too short.',
      values: expect.any(Object),
    });
    const shown = defineAction({
      permission: 'visit:create',
      schema: fields,
      run: async () => {
        throw new AppError('invalid', 'Too short.', 'note');
      },
    });
    expect(await shown(null, sent({ id: randomUuid, idempotencyKey: 'k', note: 'long enough' }))).toEqual({
      ok: false,
      fieldErrors: { note: 'Too short.' },
      values: expect.any(Object),
    });
  });
});
const randomUuid = '3f1c2a4e-8b6d-4f7a-9c2e-1d5b7a9e3c40';
