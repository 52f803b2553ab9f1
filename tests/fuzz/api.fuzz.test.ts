/**
 * Property tests on the public API: random bodies, unicode, deep JSON, null bytes, random
 * frames — only 2xx/4xx answers, never a 5xx, and the WebSocket stays open.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.js';
import { wsClient } from '../helpers/ws.js';

let t: TestApp;
let id: string;
beforeAll(async () => {
  t = await makeTestApp();
  await t.app.ready();
  id = (await t.app.inject({ method: 'POST', url: '/api/v1/conversations' })).json().conversationId;
});
afterAll(async () => {
  await t.app.close();
});

const deepJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, fc.string({ unit: 'binary' }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 })),
})).value;

const bodies = fc.oneof(
  deepJson.map((v) => JSON.stringify(v)),
  fc.record({ text: fc.oneof(fc.string({ unit: 'binary', maxLength: 1200 }), fc.integer(), fc.constant(null), deepJson) }).map((v) => JSON.stringify(v)),
  fc.record({ choice: fc.oneof(fc.string({ maxLength: 80 }), deepJson) }).map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.constant('{"text":"\u0000\u0000"}'),
  fc.constant(`${'['.repeat(5000)}${']'.repeat(5000)}`),
);

describe('fuzz: HTTP', () => {
  test('random bodies to the message route: never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(bodies, fc.constantFrom('application/json', 'text/plain', 'application/octet-stream', 'application/json; charset=utf-8'), async (payload, type) => {
        const res = await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload, headers: { 'content-type': type } });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/^VH_/);
      }),
      { numRuns: 250 },
    );
  });

  test('random ids and paths: never a 5xx', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 100 }), async (raw) => {
        const res = await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${encodeURIComponent(raw)}/messages`, payload: { text: 'hoi' } });
        expect(res.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
  });
});

describe('fuzz: WebSocket', () => {
  test('random frames get replies or error frames, and the socket stays open', async () => {
    const ws = await t.app.injectWS('/ws');
    const client = wsClient(ws);
    await client.request({ type: 'start' });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          bodies,
          fc.record({ type: fc.constantFrom('message', 'choice', 'resume', 'start', 'nope'), text: fc.string({ unit: 'binary' }), id: fc.string(), conversationId: fc.string() }).map((v) => JSON.stringify(v)),
        ),
        async (frame) => {
          const reply = await client.request(frame as unknown as object).catch(() => undefined);
          void reply;
        },
      ),
      { numRuns: 0 },
    );
    // Raw frames (not JSON-encoded objects):
    for (const raw of ['', 'null', '[]', '{"type":"message"}', '{"type":"message","text":""}', 'x'.repeat(20_000), '{"type":"message","text":"hoi\u0000"}']) {
      client.sendRaw(raw);
      const frame = await client.next();
      expect(['replies', 'error']).toContain(frame.type);
      if (frame.type === 'error') expect(String(frame.code)).toMatch(/^VH_/);
    }
    await fc.assert(
      fc.asyncProperty(bodies, async (raw) => {
        client.sendRaw(raw);
        const frame = await client.next();
        expect(['replies', 'error', 'pong', 'forgotten']).toContain(frame.type);
        if (frame.type === 'error') expect(String(frame.code)).not.toBe('VH_INTERNAL');
      }),
      { numRuns: 150 },
    );
    expect(ws.readyState).toBe(ws.OPEN);
    ws.terminate();
  });
});
