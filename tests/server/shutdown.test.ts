/**
 * SIGTERM during traffic: in-flight requests finish, WebSockets get a reconnect hint (1012), the
 * process exits within 10 s, and every acknowledged message is in the shared session store.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, expect, test } from 'vitest';
import WebSocket from 'ws';
import { RedisSessionStore } from '../../src/server/redis-store.js';
import { startRedis, type RedisServer } from '../helpers/redis.js';

let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  await redis.stop();
});

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

test('SIGTERM during traffic loses no acknowledged message', async () => {
  const port = await freePort();
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: { ...process.env, PORT: String(port), REDIS_URL: redis.url, RATE_LIMIT_MAX: '0', LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) throw new Error(`server did not start: ${stderr}`);
    await new Promise((r) => setTimeout(r, 100));
  }

  const ws = new WebSocket(`ws://127.0.0.1:${port}/ws`);
  const closeCode = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((r) => ws.on('open', r));

  const ids: string[] = [];
  for (let i = 0; i < 5; i++) ids.push(((await (await fetch(`${base}/api/v1/conversations`, { method: "POST" })).json()) as { conversationId: string }).conversationId);
  const acknowledged = new Map<string, number>(ids.map((id) => [id, 0]));
  let stop = false;
  const sender = async (id: string) => {
    while (!stop) {
      try {
        const res = await fetch(`${base}/api/v1/conversations/${id}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: 'hoi' }),
        });
        if (res.status === 200) acknowledged.set(id, acknowledged.get(id)! + 1);
        else await res.arrayBuffer();
      } catch {
        return; // the server is gone
      }
    }
  };
  const senders = ids.map(sender);
  await new Promise((r) => setTimeout(r, 400));
  const sentAt = Date.now();
  proc.kill('SIGTERM');
  const code = await exited;
  const took = Date.now() - sentAt;
  stop = true;
  await Promise.all(senders);

  expect(code).toBe(0);
  expect(took).toBeLessThan(10_000);
  expect(await closeCode).toBe(1012);
  const store = new RedisSessionStore({ url: redis.url, ttlSeconds: 60 });
  let total = 0;
  for (const id of ids) {
    const stored = await store.get(id);
    expect(stored?.session.turn).toBe(acknowledged.get(id));
    total += acknowledged.get(id)!;
  }
  await store.close();
  expect(total).toBeGreaterThan(0);
}, 60_000);
