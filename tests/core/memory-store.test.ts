import { describe, expect, test } from 'vitest';
import { MemorySessionStore } from '../../src/core/memory-store.js';
import { newSession, type SessionStore } from '../../src/core/session.js';
import { sessionStoreContract } from './session-store.contract.js';

const now = Date.now();
const clocks = new WeakMap<SessionStore, { offset: number }>();
sessionStoreContract('memory', {
  async make({ ttlSeconds }) {
    const c = { offset: 0 };
    const store = new MemorySessionStore({ ttlSeconds, maxEntries: 1000, now: () => now + c.offset });
    clocks.set(store, c);
    return store;
  },
  async advance(store, seconds) {
    clocks.get(store)!.offset += seconds * 1000;
  },
});

describe('MemorySessionStore bounds', () => {
  test('when full, the least recently used conversation goes first', async () => {
    const store = new MemorySessionStore({ ttlSeconds: 60, maxEntries: 3 });
    const s = newSession({ flow: 'welcome', step: 'hallo' });
    for (const id of ['a', 'b', 'c']) await store.create(id, s);
    await store.get('a'); // a is now recent
    await store.create('d', s);
    expect(await store.get('b')).toBeUndefined();
    expect(await store.get('a')).toBeDefined();
    expect(store.size).toBe(3);
    await store.close();
  });
});
