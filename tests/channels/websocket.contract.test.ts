import type { WebSocket } from 'ws';
import { channelContract, seenFromReplies, type Seen } from './contract.js';
import { makeTestApp, type TestApp } from '../helpers/app.js';
import { wsClient } from '../helpers/ws.js';

let t: TestApp;
channelContract('WebSocket', {
  async setup() {
    t = await makeTestApp();
    await t.app.ready();
  },
  async teardown() {
    await t.app.close();
  },
  async driver() {
    const ws: WebSocket = await t.app.injectWS('/ws');
    const client = wsClient(ws);
    const seen = (frame: Record<string, unknown>): Seen =>
      frame.type === 'error' ? { texts: [], choices: [], links: [], error: String(frame.code) } : seenFromReplies(frame.replies as Array<Record<string, unknown>>);
    return {
      start: async () => seen(await client.request({ type: 'start' })),
      say: async (text) => seen(await client.request({ type: 'message', text })),
      choose: async (id) => seen(await client.request({ type: 'choice', id })),
      async close() {
        ws.terminate();
      },
    };
  },
});
