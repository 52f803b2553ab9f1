import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp();
});
afterAll(async () => {
  await t.app.close();
});

async function start(): Promise<string> {
  const res = await t.app.inject({ method: 'POST', url: '/api/v1/conversations' });
  expect(res.statusCode).toBe(201);
  return res.json().conversationId;
}
const send = (id: string, payload: unknown, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
  t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload: typeof payload === 'string' ? payload : JSON.stringify(payload), headers });

describe('conversation API', () => {
  test('POST /conversations: 201, an unguessable id and the welcome', async () => {
    const a = await t.app.inject({ method: 'POST', url: '/api/v1/conversations' });
    const b = await t.app.inject({ method: 'POST', url: '/api/v1/conversations', payload: {} });
    expect(a.statusCode).toBe(201);
    expect(b.statusCode).toBe(201);
    const ida = a.json().conversationId as string;
    expect(ida).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(ida).not.toBe(b.json().conversationId);
    const replies = a.json().replies as Array<{ type: string; text?: string }>;
    expect(replies[0]).toMatchObject({ type: 'text' });
    expect(replies.map((r) => r.text ?? '').join(' ')).toContain('computerprogramma');
    expect(replies.at(-1)?.type).toBe('choices');
    expect(a.headers['set-cookie']).toBeUndefined();
  });

  test('the issue example: not paying first, then buttons; "ik wil dood" → 113', async () => {
    const id = await start();
    const res = await send(id, { text: 'hij dreigt mijn naaktfoto te delen als ik niet betaal' });
    expect(res.statusCode).toBe(200);
    const replies = res.json().replies as Array<Record<string, unknown>>;
    expect(JSON.stringify(replies).toLowerCase()).toContain('betaal niet');
    expect(replies.some((r) => r.type === 'choices')).toBe(true);
    expect(replies.every((r) => !('debug' in r))).toBe(true);
    const crisis = await send(id, { text: 'ik wil dood' });
    const text = JSON.stringify(crisis.json());
    expect(text).toContain('113');
    expect(text).toContain('0800-0113');
  });

  test('a choice id moves the flow on', async () => {
    const id = await start();
    await send(id, { text: 'hij dreigt mijn naaktfoto te delen als ik niet betaal' });
    const res = await send(id, { choice: 'betaald' });
    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(res.json())).toContain('niet jouw schuld');
  });

  test('replies carry no HTML', async () => {
    const id = await start();
    const res = await send(id, { text: '<script>alert(1)</script> <b>hoi</b>' });
    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(res.json())).not.toMatch(/<[a-z]/i);
  });

  test('DELETE forgets the conversation at once', async () => {
    const id = await start();
    const del = await t.app.inject({ method: 'DELETE', url: `/api/v1/conversations/${id}` });
    expect(del.statusCode).toBe(204);
    const after = await send(id, { text: 'hoi' });
    expect(after.statusCode).toBe(404);
    expect(after.json().error.code).toBe('VH_CONVERSATION_NOT_FOUND');
  });
});

describe('bad input gets a clear coded answer, never a 5xx', () => {
  let id: string;
  beforeAll(async () => {
    id = await start();
  });
  test.for([
    ['invalid JSON', '{"text": "hoi"', { 'content-type': 'application/json' }, 400, 'VH_INVALID_JSON'],
    ['wrong content type', 'text=hoi', { 'content-type': 'application/x-www-form-urlencoded' }, 415, 'VH_UNSUPPORTED_MEDIA_TYPE'],
    ['plain text', 'hoi', { 'content-type': 'text/plain' }, 415, 'VH_UNSUPPORTED_MEDIA_TYPE'],
    ['missing text', {}, undefined, 400, 'VH_MISSING_TEXT'],
    ['empty text', { text: '   ' }, undefined, 400, 'VH_EMPTY_TEXT'],
    ['only control characters', { text: '\u0000\u0007\u200b' }, undefined, 400, 'VH_EMPTY_TEXT'],
    ['text not a string', { text: 42 }, undefined, 400, 'VH_BAD_REQUEST'],
    ['text and choice', { text: 'a', choice: 'b' }, undefined, 400, 'VH_BAD_REQUEST'],
    ['an array', [1, 2], undefined, 400, 'VH_BAD_REQUEST'],
    ['null', 'null', { 'content-type': 'application/json' }, 400, 'VH_BAD_REQUEST'],
    ['text over 1,000 characters', { text: 'x'.repeat(1001) }, undefined, 413, 'VH_TEXT_TOO_LONG'],
    ['a body over 16 KB', { text: 'x'.repeat(17 * 1024) }, undefined, 413, 'VH_BODY_TOO_LARGE'],
    ['an unknown choice id', { choice: 'bestaat_niet' }, undefined, 400, 'VH_UNKNOWN_CHOICE'],
    ['prototype pollution', '{"__proto__": {"x": 1}, "text": "hoi"}', { 'content-type': 'application/json' }, 400, 'VH_INVALID_JSON'],
  ] as const)('%s', async ([, payload, headers, status, code]) => {
    const res = await send(id, payload, headers ?? { 'content-type': 'application/json' });
    expect(res.statusCode).toBe(status);
    expect(res.json()).toEqual({ error: { code, message: expect.any(String) } });
  });

  test('exactly 1,000 characters is fine, as are emoji and invalid Unicode', async () => {
    expect((await send(id, { text: 'a'.repeat(1000) })).statusCode).toBe(200);
    expect((await send(id, { text: '😭😭😭 help' })).statusCode).toBe(200);
    expect((await send(id, '{"text": "hoi \\ud800 daar"}')).statusCode).toBe(200);
  });

  test('unknown or malformed conversation ids → 404', async () => {
    for (const bad of ['AAAAAAAAAAAAAAAAAAAAAAAA', 'x', '..%2F..%2Fetc', 'a'.repeat(150)]) {
      const res = await send(bad, { text: 'hoi' });
      expect(res.statusCode).toBe(404);
      expect(['VH_CONVERSATION_NOT_FOUND', 'VH_NOT_FOUND']).toContain(res.json().error.code);
    }
  });

  test('unknown routes → 404 VH_NOT_FOUND', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/nope' });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('VH_NOT_FOUND');
  });
});

describe('health', () => {
  test('healthz and readyz', async () => {
    expect((await t.app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject({ url: '/readyz' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json().status).toBe('ready');
  });
});

describe('logs', () => {
  test('no message text, no IP address, no conversation id in the logs', async () => {
    const marker = 'GEHEIMMARKER7731';
    const id = await start();
    await send(id, { text: `hij dreigt mijn foto te delen ${marker}` });
    await send(id, `{"text": "${marker}`, { 'content-type': 'application/json' });
    await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload: { text: marker }, remoteAddress: '203.0.113.77' });
    const all = t.logs.join('');
    expect(all).toContain('"route":"/api/v1/conversations/:id/messages"');
    expect(all).not.toContain(marker);
    expect(all).not.toContain('203.0.113.77');
    expect(all).not.toContain('127.0.0.1');
    expect(all).not.toContain(id);
  });
});
