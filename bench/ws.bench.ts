/**
 * WebSocket round trips with 1,000 concurrent connections: our /ws (a real conversation per
 * socket) against a raw @fastify/websocket echo, same run, same client.
 */
import WebSocket from 'ws';
import { baselineServer, ourServer } from './http.bench.js';
import { percentile, rssKb, type Child, type Row } from './lib.js';

const SOCKETS = 1000;
const DURATION_MS = 8000;
const TEXTS = ['hoi', 'hij wil geld anders deelt hij mijn foto', 'wat kan je', 'bedankt', 'ik heb al betaald'];

async function open(url: string, n: number): Promise<WebSocket[]> {
  const sockets: WebSocket[] = [];
  for (let i = 0; i < n; i += 100) {
    const batch = Array.from({ length: Math.min(100, n - i) }, () => new WebSocket(url));
    await Promise.all(batch.map((ws) => new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)))));
    sockets.push(...batch);
  }
  return sockets;
}

function roundTrip(ws: WebSocket, frame: string): Promise<void> {
  return new Promise((resolve) => {
    ws.once('message', () => resolve());
    ws.send(frame);
  });
}

async function drive(sockets: WebSocket[], frameFor: (i: number) => string): Promise<{ perSecond: number; p99: number }> {
  const latencies: number[] = [];
  const until = performance.now() + DURATION_MS;
  let n = 0;
  await Promise.all(
    sockets.map(async (ws, s) => {
      let k = s;
      while (performance.now() < until) {
        const t0 = performance.now();
        await roundTrip(ws, frameFor(k++));
        latencies.push(performance.now() - t0);
        n++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return { perSecond: n / (DURATION_MS / 1000), p99: percentile(latencies, 99) };
}

export async function benchWebSocket(): Promise<Row[]> {
  let server: Child | undefined;
  try {
    server = await baselineServer();
    const rssBefore = rssKb(server.proc.pid!);
    let sockets = await open(`ws://127.0.0.1:${server.port}/ws`, SOCKETS);
    const baseRss = (rssKb(server.proc.pid!) - rssBefore) / SOCKETS;
    const base = await drive(sockets, (k) => JSON.stringify({ type: 'message', text: TEXTS[k % TEXTS.length] }));
    sockets.forEach((ws) => ws.terminate());
    await server.stop();

    server = await ourServer();
    await fetch(`${server.base}/api/v1/conversations`, { method: 'POST' });
    const ourBefore = rssKb(server.proc.pid!);
    sockets = await open(`ws://127.0.0.1:${server.port}/ws`, SOCKETS);
    const ourRss = (rssKb(server.proc.pid!) - ourBefore) / SOCKETS;
    await Promise.all(sockets.map((ws) => roundTrip(ws, JSON.stringify({ type: 'start' }))));
    const ours = await drive(sockets, (k) => JSON.stringify({ type: 'message', text: TEXTS[k % TEXTS.length] }));
    sockets.forEach((ws) => ws.terminate());
    const ratio = ours.perSecond / base.perSecond;
    return [
      { bench: 'websocket', measure: `round trips/s (${SOCKETS} sockets)`, ours: ours.perSecond, baseline: base.perSecond, baselineName: 'raw @fastify/websocket echo', unit: '/s', ratio, target: '≥0.5× echo', pass: ratio >= 0.5 },
      { bench: 'websocket', measure: 'p99 round trip', ours: ours.p99, baseline: base.p99, baselineName: 'same', unit: 'ms' },
      { bench: 'footprint', measure: 'RSS per open WebSocket', ours: ourRss, baseline: baseRss, baselineName: 'echo server', unit: 'KB', target: '≤30 KB', pass: ourRss <= 30 },
    ];
  } finally {
    await server?.stop();
  }
}
