/**
 * HTTP throughput and latency of POST /api/v1/conversations/:id/messages (many conversations,
 * real Dutch messages) against a minimal Fastify route returning constant JSON, same run, same
 * load generator. The servers run in their own processes; autocannon runs here.
 */
import autocannon from 'autocannon';
import type { Row } from './lib.js';
import { startChild, type Child } from './lib.js';

const MESSAGES = [
  'hoi',
  'hij wil 200 euro anders stuurt hij mn pics naar iedereen',
  'wat kan je',
  'ik heb al betaald',
  'een man van 30 appt me elke dag en zegt dat het geheim moet blijven',
  'is het strafbaar als ik een naaktje stuur',
  'ik wil met iemand praten maar ik durf niet',
  'mijn vriend wil dat ik met zijn vrienden slaap',
  'hoe maak ik mijn insta prive',
  'bedankt',
];

const CONNECTIONS = 50;
const DURATION = 10;

async function load(base: string, ids: string[]): Promise<autocannon.Result> {
  let i = 0;
  return autocannon({
    url: base,
    connections: CONNECTIONS,
    duration: DURATION,
    requests: [
      {
        method: 'POST',
        setupRequest: (req) => {
          const n = i++;
          return {
            ...req,
            path: `/api/v1/conversations/${ids[n % ids.length]}/messages`,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ text: MESSAGES[n % MESSAGES.length] }),
          };
        },
      },
    ],
  });
}

async function conversations(base: string, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push(((await (await fetch(`${base}/api/v1/conversations`, { method: 'POST' })).json()) as { conversationId: string }).conversationId);
  return ids;
}

export const ourServer = (env: Record<string, string> = {}) =>
  startChild([process.execPath, 'dist/main.js'], { RATE_LIMIT_MAX: '0', LOG_LEVEL: 'warn', NODE_ENV: 'production', ...env }, async (b) => (await fetch(`${b}/healthz`)).ok);
export const baselineServer = () => startChild([process.execPath, 'bench/servers/baseline.mjs'], {}, async (b) => (await fetch(`${b}/api/v1/conversations/x/messages`, { method: 'POST' })).ok);

export async function benchHttp(): Promise<Row[]> {
  let ours: Child | undefined;
  let base: Child | undefined;
  try {
    base = await baselineServer();
    await load(base.base, ['x']); // warm-up
    const b = await load(base.base, ['x']);
    await base.stop();
    ours = await ourServer();
    const ids = await conversations(ours.base, 500);
    await load(ours.base, ids); // warm-up (JIT, caches)
    const o = await load(ours.base, ids);
    const errors = o.non2xx + o.errors;
    const ratio = o.requests.average / b.requests.average;
    return [
      { bench: 'http', measure: 'messages/s', ours: o.requests.average, baseline: b.requests.average, baselineName: 'constant-JSON Fastify route', unit: '/s', ratio, target: '≥0.5× baseline', pass: ratio >= 0.5 && errors === 0 },
      { bench: 'http', measure: 'p50 latency', ours: o.latency.p50, baseline: b.latency.p50, baselineName: 'same', unit: 'ms' },
      { bench: 'http', measure: 'p99 latency', ours: o.latency.p99, baseline: b.latency.p99, baselineName: 'same', unit: 'ms', target: '<20 ms', pass: o.latency.p99 < 20 },
      { bench: 'http', measure: 'non-2xx + errors', ours: errors, unit: '' },
    ];
  } finally {
    await ours?.stop();
    await base?.stop();
  }
}
