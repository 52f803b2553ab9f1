/**
 * Nothing leaks: a marker text sent through every web channel (HTTP, WebSocket, the studio's
 * sandbox and parse) never appears in the logs, nor does the client address; sessions hold no
 * transcript; DELETE and "forget" really delete.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import { makeTestApp, type TestApp } from '../helpers/app.js';
import { wsClient } from '../helpers/ws.js';

const MARKER = 'ZWAARGEHEIM4242';
const TOKEN = 'studio-token-for-the-privacy-test';
let t: TestApp;
beforeAll(async () => {
  t = await makeTestApp({ STUDIO_TOKEN: TOKEN, STUDIO_COLLECT_MISSES: false });
  await t.app.ready();
});
afterAll(async () => {
  await t.app.close();
});

test('a marker through HTTP, WebSocket and the studio never reaches the logs, nor the address', async () => {
  const ip = '203.0.113.211';
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/conversations', remoteAddress: ip });
  const id = created.json().conversationId as string;
  await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload: { text: `hij dreigt met mijn foto ${MARKER}` }, remoteAddress: ip });
  await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload: { text: MARKER.repeat(100) }, remoteAddress: ip });
  await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload: `{"text": "${MARKER}`, headers: { 'content-type': 'application/json' }, remoteAddress: ip });

  const ws = await t.app.injectWS('/ws');
  const client = wsClient(ws);
  await client.request({ type: 'start' });
  await client.request({ type: 'message', text: `ik wil dood ${MARKER}` });
  client.sendRaw(`{"type":"message","text":"${MARKER}`);
  await client.next();
  ws.terminate();

  const auth = { authorization: `Bearer ${TOKEN}` };
  await t.app.inject({ method: 'POST', url: '/api/v1/studio/parse', payload: { text: MARKER }, headers: auth });
  const sandbox = await t.app.inject({ method: 'POST', url: '/api/v1/studio/conversations', headers: auth });
  await t.app.inject({ method: 'POST', url: `/api/v1/studio/conversations/${sandbox.json().conversationId}/messages`, payload: { text: MARKER }, headers: auth });

  const logs = t.logs.join('');
  expect(logs.length).toBeGreaterThan(0);
  expect(logs).not.toContain(MARKER);
  expect(logs).not.toContain(ip);
  expect(logs).not.toContain(id);
});

test('a session holds where the conversation is and the flows\' answers, never the text', async () => {
  const created = await t.app.inject({ method: 'POST', url: '/api/v1/conversations' });
  const id = created.json().conversationId as string;
  await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload: { text: `mijn foto gaat rond ${MARKER}` } });
  const stored = await t.store.get(id);
  expect(JSON.stringify(stored)).not.toContain(MARKER);
  expect(Object.keys(stored!.session).sort()).toEqual(['flow', 'history', 'misses', 'slots', 'step', 'turn', 'v'].sort());
});

test('DELETE and the WebSocket "forget" frame remove the session at once', async () => {
  const id = (await t.app.inject({ method: 'POST', url: '/api/v1/conversations' })).json().conversationId as string;
  expect(await t.store.get(id)).toBeDefined();
  await t.app.inject({ method: 'DELETE', url: `/api/v1/conversations/${id}` });
  expect(await t.store.get(id)).toBeUndefined();

  const ws = await t.app.injectWS('/ws');
  const client = wsClient(ws);
  const started = await client.request({ type: 'start' });
  const wsId = started.conversationId as string;
  expect(await t.store.get(wsId)).toBeDefined();
  expect((await client.request({ type: 'forget' })).type).toBe('forgotten');
  expect(await t.store.get(wsId)).toBeUndefined();
  ws.terminate();
});
