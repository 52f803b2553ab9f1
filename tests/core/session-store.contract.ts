/**
 * The SessionStore contract: every implementation (memory, Redis) runs these same tests.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newSession, type SessionStore } from '../../src/core/session.js';

export interface StoreHarness {
  make(opts: { ttlSeconds: number }): Promise<SessionStore>;
  /** Moves the store's clock forward (or waits) so entries older than `seconds` expire. */
  advance(store: SessionStore, seconds: number): Promise<void>;
  teardown?(): Promise<void>;
}

export function sessionStoreContract(name: string, harness: StoreHarness): void {
  describe(`SessionStore contract: ${name}`, () => {
    let store: SessionStore;
    beforeAll(async () => {
      store = await harness.make({ ttlSeconds: 2 });
    });
    afterAll(async () => {
      await store.close();
      await harness.teardown?.();
    });
    const id = () => `test_${Math.random().toString(36).slice(2)}_${Date.now()}`;
    const s = () => newSession({ flow: 'welcome', step: 'hallo' });

    test('create, get, update with the right version, delete', async () => {
      const key = id();
      expect(await store.create(key, s())).toBe(true);
      const got = await store.get(key);
      expect(got?.session.flow).toBe('welcome');
      const next = { ...got!.session, step: 'next', slots: { betaald: 'ja' } };
      expect(await store.update(key, next, got!.version)).toBe(true);
      const again = await store.get(key);
      expect(again?.session).toMatchObject({ step: 'next', slots: { betaald: 'ja' } });
      expect(again!.version).toBeGreaterThan(got!.version);
      expect(await store.delete(key)).toBe(true);
      expect(await store.get(key)).toBeUndefined();
      expect(await store.delete(key)).toBe(false);
    });

    test('create refuses an existing id', async () => {
      const key = id();
      expect(await store.create(key, s())).toBe(true);
      expect(await store.create(key, s())).toBe(false);
    });

    test('a stale version loses: no update is lost silently', async () => {
      const key = id();
      await store.create(key, s());
      const a = await store.get(key);
      const b = await store.get(key);
      expect(await store.update(key, { ...a!.session, step: 'a' }, a!.version)).toBe(true);
      expect(await store.update(key, { ...b!.session, step: 'b' }, b!.version)).toBe(false);
      expect((await store.get(key))?.session.step).toBe('a');
    });

    test('update of a missing entry fails', async () => {
      expect(await store.update(id(), s(), 1)).toBe(false);
    });

    test('returned sessions are copies', async () => {
      const key = id();
      await store.create(key, s());
      const a = await store.get(key);
      a!.session.slots.x = 'changed';
      expect((await store.get(key))?.session.slots.x).toBeUndefined();
    });

    test('entries expire after the TTL', async () => {
      const key = id();
      await store.create(key, s());
      await harness.advance(store, 3);
      expect(await store.get(key)).toBeUndefined();
    });

    test('ping answers', async () => {
      expect(await store.ping()).toBe(true);
    });
  });
}
