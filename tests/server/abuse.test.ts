/**
 * Holding off abuse without knowing who anyone is: per-client limits keyed by a salted hash
 * (behind a trusted proxy: the forwarded address), a stricter limit on creating conversations,
 * a per-conversation message budget, and a slow Redis that times out instead of hanging.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, test } from 'vitest';
import { RedisSessionStore } from '../../src/server/redis-store.js';
import { makeTestApp, type TestApp } from '../helpers/app.js';

const apps: TestApp[] = [];
afterAll(async () => {
  for (const t of apps) await t.app.close();
});
const app = async (...args: Parameters<typeof makeTestApp>) => {
  const t = await makeTestApp(...args);
  apps.push(t);
  return t;
};

const create = (t: TestApp, ip = '198.51.100.7', headers: Record<string, string> = {}) =>
  t.app.inject({ method: 'POST', url: '/api/v1/conversations', remoteAddress: ip, headers });

describe('rate limits', () => {
  test('creating conversations is limited per client, with a kind Dutch 429', async () => {
    const t = await app({ RATE_LIMIT_MAX: 8 });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await create(t)).statusCode);
    expect(statuses.slice(0, 3)).toEqual([201, 201, 201]); // a quarter of 8 is 2, at least 3
    const limited = await create(t);
    expect(limited.statusCode).toBe(429);
    expect(limited.json().error.code).toBe('VH_RATE_LIMITED');
    expect(limited.json().error.message).toMatch(/wacht even/i);
    // Another client is not affected.
    expect((await create(t, '198.51.100.8')).statusCode).toBe(201);
  });

  test('messages are limited per client', async () => {
    const t = await app({ RATE_LIMIT_MAX: 5 });
    const id = (await create(t)).json().conversationId;
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) {
      codes.push((await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload: { text: 'hoi' }, remoteAddress: '198.51.100.9' })).statusCode);
    }
    expect(codes.filter((c) => c === 200).length).toBe(5);
    expect(codes.at(-1)).toBe(429);
  });

  test('behind a trusted proxy the forwarded address is the client; without trust it is ignored', async () => {
    const trusting = await app({ RATE_LIMIT_MAX: 4, TRUST_PROXY: 1 });
    for (let i = 0; i < 3; i++) expect((await create(trusting, '10.0.0.1', { 'x-forwarded-for': '203.0.113.1' })).statusCode).toBe(201);
    expect((await create(trusting, '10.0.0.1', { 'x-forwarded-for': '203.0.113.1' })).statusCode).toBe(429);
    expect((await create(trusting, '10.0.0.1', { 'x-forwarded-for': '203.0.113.2' })).statusCode).toBe(201);

    const direct = await app({ RATE_LIMIT_MAX: 4 });
    for (let i = 0; i < 3; i++) expect((await create(direct, '10.0.0.2', { 'x-forwarded-for': `203.0.113.${10 + i}` })).statusCode).toBe(201);
    expect((await create(direct, '10.0.0.2', { 'x-forwarded-for': '203.0.113.99' })).statusCode).toBe(429);
  });

  test('RATE_LIMIT_MAX=0 turns the limits off', async () => {
    const t = await app({ RATE_LIMIT_MAX: 0 });
    for (let i = 0; i < 40; i++) expect((await create(t)).statusCode).toBe(201);
  });

  test('a conversation gets at most 40 messages a minute, whatever the client', async () => {
    const t = await app({ RATE_LIMIT_MAX: 1000 });
    const id = (await create(t)).json().conversationId;
    let last = 0;
    for (let i = 0; i < 41; i++) last = (await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload: { text: 'hoi' }, remoteAddress: `198.51.100.${i % 200}` })).statusCode;
    expect(last).toBe(429);
  });

  test('the limiter never logs or keeps an address', async () => {
    const t = await app({ RATE_LIMIT_MAX: 3 });
    for (let i = 0; i < 5; i++) await create(t, '192.0.2.123');
    expect(t.logs.join('')).not.toContain('192.0.2.123');
  });
});

describe('a slow session store', () => {
  let black: Server;
  const sockets = new Set<Socket>();
  afterAll(
    () =>
      new Promise<void>((r) => {
        sockets.forEach((s) => s.destroy());
        black.close(() => r());
      }),
  );

  test('a Redis that accepts but never answers gives a coded 503 within 2 s', async () => {
    // A TCP server that takes connections and says nothing: every command times out.
    black = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((r) => black.listen(0, '127.0.0.1', () => r()));
    const port = (black.address() as { port: number }).port;
    const store = new RedisSessionStore({ url: `redis://127.0.0.1:${port}`, ttlSeconds: 60 });
    const t = await app({ REDIS_URL: `redis://127.0.0.1:${port}` }, { store });
    const started = Date.now();
    const res = await create(t);
    expect(res.statusCode).toBe(503);
    expect(res.json().error.code).toBe('VH_UNAVAILABLE');
    expect(Date.now() - started).toBeLessThan(2000);
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(503);
    store.client.disconnect(false);
  });
});
