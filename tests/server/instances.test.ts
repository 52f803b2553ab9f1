/**
 * Several instances, one Redis: a conversation moves between instances mid-flow, concurrent
 * messages keep one consistent state, and a Redis outage gets a fast coded 503 and heals itself.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { RedisSessionStore } from '../../src/server/redis-store.js';
import { makeTestApp, type TestApp } from '../helpers/app.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';

let redis: RedisServer;
let a: TestApp;
let b: TestApp;
beforeAll(async () => {
  redis = await startRedis();
  a = await makeTestApp({ REDIS_URL: redis.url }, { store: new RedisSessionStore({ url: redis.url, ttlSeconds: 1800 }) });
  b = await makeTestApp({ REDIS_URL: redis.url }, { store: new RedisSessionStore({ url: redis.url, ttlSeconds: 1800 }) });
});
afterAll(async () => {
  await a.app.close();
  await b.app.close();
  await a.store.close();
  await b.store.close();
  await redis.stop();
});

const create = async (t: TestApp) => (await t.app.inject({ method: 'POST', url: '/api/v1/conversations' })).json().conversationId as string;
const send = (t: TestApp, id: string, body: object) => t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload: body });

describe('two instances sharing Redis', () => {
  test('a conversation started on one continues on the other mid-flow', async () => {
    const id = await create(a);
    const first = await send(a, id, { text: 'hij dreigt mijn naaktfoto te delen als ik niet betaal' });
    expect(first.statusCode).toBe(200);
    const second = await send(b, id, { choice: 'betaald' });
    expect(second.statusCode).toBe(200);
    expect(JSON.stringify(second.json())).toContain('niet jouw schuld');
    const stored = await a.store.get(id);
    expect(stored?.session.flow).toBe('sextortion');
  });

  test('concurrent messages to one conversation on both instances keep a consistent state', async () => {
    const id = await create(a);
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => send(i % 2 ? a : b, id, { text: i % 3 ? 'hoi' : 'wat kan je' })));
    const ok = results.filter((r) => r.statusCode === 200).length;
    for (const r of results) expect([200, 409]).toContain(r.statusCode);
    const stored = await b.store.get(id);
    // Every acknowledged message is in the state: one turn each, none lost, none counted twice.
    expect(stored?.session.turn).toBe(ok);
    expect(ok).toBeGreaterThanOrEqual(20);
  });

  test('a corrupt or old-format session is a fresh start with a kind message, not a crash', async () => {
    const id = await create(a);
    await (a.store as RedisSessionStore).client.hset(`vh:s:${id}`, 'd', JSON.stringify({ version: 0, where: 'oud formaat' }));
    const res = await send(b, id, { text: 'hoi' });
    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(res.json())).toContain('We beginnen opnieuw');
    const next = await send(a, id, { text: 'hoi' });
    expect(next.statusCode).toBe(200);
  });

  test('Redis down: readyz 503, a coded 503 with 113 and 112 fast; Redis back: it heals on its own', async () => {
    const id = await create(a);
    await redis.stop();
    const ready = await a.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    const started = Date.now();
    const res = await send(a, id, { text: 'hoi' });
    const took = Date.now() - started;
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('VH_UNAVAILABLE');
    expect(res.json().error.message).toContain('113');
    expect(res.json().error.message).toContain('112');
    expect(took).toBeLessThan(2000);
    const createWhileDown = await a.app.inject({ method: 'POST', url: '/api/v1/conversations' });
    expect(createWhileDown.statusCode).toBe(503);

    await redis.start();
    const deadline = Date.now() + 10_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await a.app.inject({ url: '/readyz' })).statusCode;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    // Redis lost its data (no persistence in tests): the old id is unknown, a new conversation works.
    expect((await send(a, id, { text: 'hoi' })).statusCode).toBe(404);
    const fresh = await create(b);
    expect((await send(a, fresh, { text: 'hoi' })).statusCode).toBe(200);
  });
});
