import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { db } from '@/lib/db/client.ts';
import { makeActor } from '@/lib/db/test/actors.ts';
import { endSession, lockSession, signOutEverywhere } from '@/lib/auth/account.ts';
import { expectAppError } from '@/lib/staff/test-helpers.ts';
import { openSealed, outboxKey } from './outbox-key.ts';
import { seal } from './seal.ts';
import { applyEntry } from './wire.ts';
import { contactInput, NOW, streetShift } from './test-helpers.ts';

// The server half of the phone's encrypted queue: the page's public key, opening what the phone
// sealed (sealing runs here on the same WebCrypto the browser has), and shredding at sign-out and lock.

const onWire = (input: Record<string, unknown>) =>
  JSON.parse(JSON.stringify({ type: 'contact.add', payload: input })) as { type: string; payload: Record<string, unknown> };

describe('the offline queue key', () => {
  it('gives a session one public key; what the phone seals with it is opened and stored once, however often it is sent', async () => {
    const worker = await makeActor('outreach');
    const key = await outboxKey(worker);
    expect(await outboxKey(worker)).toEqual(key);
    expect(key.publicKey).not.toHaveProperty('d');
    const stored = await db.authSession.findUniqueOrThrow({ where: { id: worker.sessionId }, select: { outboxKey: true } });
    expect(Buffer.from(stored.outboxKey!).toString('latin1')).not.toContain('PRIVATE'); // encrypted at rest

    const shiftId = await streetShift(worker);
    const entry = onWire(await contactInput(shiftId));
    const sealed = await seal(entry, key.publicKey, key.kid);
    const opened = await openSealed(worker, JSON.parse(JSON.stringify(sealed)));
    expect(opened).toEqual(entry);
    expect(await applyEntry(worker, opened, NOW)).toEqual({ duplicate: false });
    expect(await applyEntry(worker, await openSealed(worker, sealed), NOW)).toEqual({ duplicate: true });
    expect(await db.outreachContact.count({ where: { id: entry.payload.id as string } })).toBe(1);
  });

  it('keeps a timed-out session’s key, so what waited is sent after signing in again; another account cannot use it', async () => {
    const [worker, other] = [await makeActor('outreach'), await makeActor('outreach')];
    const key = await outboxKey(worker);
    const sealed = await seal({ type: 'shift.end', payload: {} }, key.publicKey, key.kid);
    await db.authSession.update({ where: { id: worker.sessionId }, data: { endedAt: NOW } });
    const later = { ...worker, sessionId: randomUUID() };
    await db.authSession.create({ data: { id: later.sessionId, userId: worker.id, sessionVersion: 1 } });
    expect(await openSealed(later, sealed)).toEqual({ type: 'shift.end', payload: {} });
    await expectAppError(openSealed(other, sealed), 'conflict', /can no longer be read/);
  });

  it.each([
    ['locking the screen', lockSession],
    ['signing out', endSession],
    ['signing out everywhere', signOutEverywhere],
  ])('is destroyed by %s: a copied queue can no longer be opened', async (_, end) => {
    const worker = await makeActor('outreach');
    const key = await outboxKey(worker);
    const sealed = await seal({ type: 'shift.end', payload: {} }, key.publicKey, key.kid);
    await end(worker);
    await expectAppError(openSealed(worker, sealed), 'conflict', /can no longer be read/);
    expect((await db.authSession.findUniqueOrThrow({ where: { id: worker.sessionId }, select: { outboxKey: true } })).outboxKey).toBeNull();
  });

  it('refuses a malformed or altered envelope plainly', async () => {
    const worker = await makeActor('outreach');
    const key = await outboxKey(worker);
    const sealed = await seal({ type: 'shift.end', payload: {} }, key.publicKey, key.kid);
    await expectAppError(openSealed(worker, { ...sealed, v: 2 }), 'invalid', /could not be read/);
    await expectAppError(openSealed(worker, { ...sealed, kid: randomUUID() }), 'conflict', /can no longer be read/);
    await expectAppError(openSealed(worker, { ...sealed, ct: sealed.ct.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) }), 'invalid', /can no longer be read/);
  });
});
