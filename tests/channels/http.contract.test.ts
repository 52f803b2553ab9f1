import { channelContract, seenFromReplies, type Seen } from './contract.js';
import { makeTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
channelContract('HTTP', {
  async setup() {
    t = await makeTestApp();
  },
  async teardown() {
    await t.app.close();
  },
  async driver() {
    let id = '';
    const seen = (res: { statusCode: number; json: () => Record<string, unknown> }): Seen => {
      const body = res.json();
      if (res.statusCode >= 400) return { texts: [], choices: [], links: [], error: (body.error as { code: string }).code };
      return seenFromReplies(body.replies as Array<Record<string, unknown>>);
    };
    const post = (payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload });
    return {
      async start() {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/conversations' });
        id = res.json().conversationId;
        return seen(res);
      },
      say: async (text) => seen(await post({ text })),
      choose: async (choice) => seen(await post({ choice })),
      async close() {
        await t.app.inject({ method: 'DELETE', url: `/api/v1/conversations/${id}` });
      },
    };
  },
});
