import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { newSession } from '../../src/core/session.js';
import { RedisSessionStore } from '../../src/server/redis-store.js';
import { sessionStoreContract } from '../core/session-store.contract.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

sessionStoreContract('redis', {
  async make({ ttlSeconds }) {
    return new RedisSessionStore({ url: redis.url, ttlSeconds });
  },
  async advance(_store, seconds) {
    // Redis keeps real time: wait it out (the contract uses a 2-second TTL).
    await new Promise((r) => setTimeout(r, seconds * 1000));
  },
});

describe('RedisSessionStore specifics', () => {
  test('a corrupt or old-format entry is reported as corrupt, not thrown as a crash', async () => {
    const store = new RedisSessionStore({ url: redis.url, ttlSeconds: 60 });
    await store.client.hset('vh:s:corrupt1', 'v', '1', 'd', '{not json');
    await store.client.hset('vh:s:oldformat', 'v', '1', 'd', JSON.stringify({ version: 0, where: 'x' }));
    await expect(store.get('corrupt1')).rejects.toThrow('stored session is not valid');
    await expect(store.get('oldformat')).rejects.toThrow('stored session is not valid');
    await store.close();
  });

  test('sessions get a TTL in Redis', async () => {
    const store = new RedisSessionStore({ url: redis.url, ttlSeconds: 90 });
    await store.create('ttlcheck', newSession({ flow: 'welcome', step: 'hallo' }));
    const ttl = await store.client.ttl('vh:s:ttlcheck');
    expect(ttl).toBeGreaterThan(80);
    expect(ttl).toBeLessThanOrEqual(90);
    await store.close();
  });
});
