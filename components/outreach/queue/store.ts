'use client';

import type { Queued } from './rules.ts';

// The queue's home in the browser: one IndexedDB database with one store, keyed by an increasing
// number so that entries come back in the order they were made. Entries are sealed before they get
// here (lib/outreach/seal.ts); only non-personal facts are kept in clear. Raw IndexedDB: four calls
// do not justify a dependency.

export const QUEUE_DB = 'lantern-outbox';
const STORE = 'entries';

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(QUEUE_DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE, { keyPath: 'seq', autoIncrement: true });
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function run<T>(mode: IDBTransactionMode, work: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const tx = db.transaction(STORE, mode);
      const request = work(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(request.result);
      tx.onerror = () => reject(tx.error);
    });
  } finally {
    db.close();
  }
}

export const listQueued = () => run<Queued[]>('readonly', (s) => s.getAll() as IDBRequest<Queued[]>);
export const addQueued = (entry: Queued) => run('readwrite', (s) => s.add(entry)).then((seq) => ({ ...entry, seq: seq as number }));
export const putQueued = (entry: Queued) => run('readwrite', (s) => s.put(entry));
export const removeQueued = (seq: number) => run('readwrite', (s) => s.delete(seq));

/** Wipes the queue and every offline copy of pages (sign-out, lock screen). */
export async function wipeOffline(): Promise<void> {
  await new Promise<void>((resolve) => {
    const request = indexedDB.deleteDatabase(QUEUE_DB);
    request.onsuccess = request.onerror = request.onblocked = () => resolve();
  });
  if ('caches' in window) for (const name of await caches.keys()) await caches.delete(name);
}
