/**
 * Footprint: RSS at idle (against the baseline server), heap per idle conversation in the memory
 * store (10,000 conversations, one message each, measured after GC), cold start to first answer
 * (spawn to the welcome, against spawn to the baseline's first answer).
 */
import { createBot } from '../src/core/bot.js';
import { MemorySessionStore } from '../src/core/memory-store.js';
import { ConversationService } from '../src/core/service.js';
import { baselineServer, ourServer } from './http.bench.js';
import { median, rssKb, type Row } from './lib.js';

const gc = () => (globalThis as { gc?: () => void }).gc?.();

async function heapPerConversation(): Promise<number> {
  const bot = createBot();
  const store = new MemorySessionStore({ ttlSeconds: 3600, maxEntries: 1_000_000 });
  const service = new ConversationService(bot.conversation, store, { messagesPerMinute: 0 });
  const N = 10_000;
  gc();
  const before = process.memoryUsage().heapUsed;
  const ids: string[] = [];
  for (let i = 0; i < N; i++) {
    const t = await service.create();
    await service.send(t.conversationId, { type: 'text', text: 'hij wil geld anders deelt hij mijn foto' });
    ids.push(t.conversationId);
  }
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  // The ids array is the bench's own, not the service's: subtract it.
  const idsBytes = N * (24 + 2 * 24);
  void ids.length;
  await store.close();
  return (after - before - idsBytes) / N / 1024;
}

export async function benchFootprint(): Promise<Row[]> {
  if (!(globalThis as { gc?: unknown }).gc) throw new Error('run the bench with node --expose-gc (npm run bench does)');
  const rows: Row[] = [];
  const coldOurs: number[] = [];
  const coldBase: number[] = [];
  let idleOurs = 0;
  let idleBase = 0;
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const b = await baselineServer();
    await fetch(`${b.base}/api/v1/conversations`, { method: 'POST' });
    coldBase.push(performance.now() - t0);
    idleBase = rssKb(b.proc.pid!);
    await b.stop();
    const t1 = performance.now();
    const o = await ourServer();
    const res = await fetch(`${o.base}/api/v1/conversations`, { method: 'POST' });
    if (res.status !== 201) throw new Error('no welcome');
    coldOurs.push(performance.now() - t1);
    await new Promise((r) => setTimeout(r, 300));
    idleOurs = rssKb(o.proc.pid!);
    await o.stop();
  }
  const cold = median(coldOurs);
  rows.push({ bench: 'footprint', measure: 'cold start to first answer', ours: cold, baseline: median(coldBase), baselineName: 'minimal Fastify', unit: 'ms', ratio: cold / median(coldBase), target: '<1000 ms', pass: cold < 1000 });
  rows.push({ bench: 'footprint', measure: 'RSS at idle', ours: idleOurs / 1024, baseline: idleBase / 1024, baselineName: 'minimal Fastify', unit: 'MB', ratio: idleOurs / idleBase });
  const perConversation = await heapPerConversation();
  rows.push({ bench: 'footprint', measure: 'heap per idle conversation (10,000)', ours: perConversation, unit: 'KB', target: '≤2 KB', pass: perConversation <= 2 });
  return rows;
}
