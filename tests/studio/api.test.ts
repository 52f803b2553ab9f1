/**
 * The worker studio's HTTP API (shared/api.md "Worker studio"): off without a token, Bearer token
 * checked, parse, the sandbox with debug (and the public API without), diagrams, transcripts,
 * the report, and what the misses feature keeps.
 */
import type { LightMyRequestResponse } from 'fastify';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Conversation } from '../../src/core/conversation.js';
import { STUDIO_CSP } from '../../src/server/plugins/studio.js';
import { runTranscript, TranscriptSchema } from '../../src/transcripts/transcript.js';
import { makeTestApp, testBot, type TestApp } from '../helpers/app.js';

const TOKEN = 'studio-test-token-0123456789';
const SEXTORTION = 'hij dreigt mijn naaktfoto te delen als ik niet betaal';

let ipCounter = 0;
/** Each call from its own address, so the studio's per-client limit never trips by accident. */
const nextIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${(ipCounter % 250) + 1}`;

function call(t: TestApp, method: 'GET' | 'POST' | 'DELETE', url: string, opts: { body?: unknown; token?: string | null; ip?: string; auth?: string } = {}): Promise<LightMyRequestResponse> {
  const headers: Record<string, string> = {};
  const token = opts.token === undefined ? TOKEN : opts.token;
  if (opts.auth !== undefined) headers.authorization = opts.auth;
  else if (token !== null) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  return t.app.inject({
    method,
    url,
    headers,
    remoteAddress: opts.ip ?? nextIp(),
    ...(opts.body !== undefined ? { payload: JSON.stringify(opts.body) } : {}),
  });
}

/** Any key named "debug" anywhere in a JSON value. */
function hasDebug(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasDebug);
  if (v && typeof v === 'object') return Object.entries(v).some(([k, x]) => k === 'debug' || hasDebug(x));
  return false;
}

describe('studio off (no STUDIO_TOKEN)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp();
  });
  afterAll(async () => {
    await t.app.close();
  });

  test.for([
    ['GET', '/studio'],
    ['GET', '/studio/studio.js'],
    ['POST', '/api/v1/studio/parse'],
    ['POST', '/api/v1/studio/conversations'],
    ['GET', '/api/v1/studio/report'],
    ['GET', '/api/v1/studio/misses'],
  ] as const)('%s %s → 404', async ([method, url]) => {
    const res = await call(t, method, url, method === 'POST' ? { body: { text: 'hoi' } } : {});
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe('VH_NOT_FOUND');
  });
});

describe('studio on', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await makeTestApp({ STUDIO_TOKEN: TOKEN });
  });
  afterAll(async () => {
    await t.app.close();
  });

  describe('the token', () => {
    test.for([
      ['no header', { token: null }],
      ['a wrong token', { token: 'studio-test-token-0123456788' }],
      ['a shorter token', { token: 'studio' }],
      ['a longer token', { token: `${TOKEN}x` }],
      ['Bearer without token', { auth: 'Bearer ' }],
      ['another scheme', { auth: `Basic ${TOKEN}` }],
      ['the token without scheme', { auth: TOKEN }],
    ] as const)('%s → 401 VH_UNAUTHORIZED', async ([, opts]) => {
      for (const [method, url] of [['POST', '/api/v1/studio/parse'], ['GET', '/api/v1/studio/report'], ['GET', '/api/v1/studio/misses'], ['POST', '/api/v1/studio/conversations']] as const) {
        const res = await call(t, method, url, { ...opts, ...(method === 'POST' ? { body: { text: 'hoi' } } : {}) });
        expect(res.statusCode, `${method} ${url}`).toBe(401);
        expect(res.json().error.code).toBe('VH_UNAUTHORIZED');
        expect(res.headers['www-authenticate']).toMatch(/^Bearer/);
      }
    });

    test('the right token (scheme in any case) → 200', async () => {
      const res = await call(t, 'POST', '/api/v1/studio/parse', { auth: `bearer ${TOKEN}`, body: { text: 'hoi' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
    });

    test('guessing is rate limited per client: after 10 wrong tokens even the right one waits', async () => {
      const ip = '10.200.0.1';
      for (let i = 0; i < 10; i++) expect((await call(t, 'GET', '/api/v1/studio/misses', { token: `wrong-token-${i}-xxxxxxxx`, ip })).statusCode).toBe(401);
      const blocked = await call(t, 'GET', '/api/v1/studio/misses', { ip });
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().error.code).toBe('VH_RATE_LIMITED');
      expect((await call(t, 'GET', '/api/v1/studio/misses', { ip: '10.200.0.2' })).statusCode).toBe(200);
    });

    test('at most 60 studio calls a minute per client', async () => {
      const ip = '10.201.0.1';
      const codes: number[] = [];
      for (let i = 0; i < 61; i++) codes.push((await call(t, 'GET', '/api/v1/studio/misses', { ip })).statusCode);
      expect(codes.slice(0, 60).every((c) => c === 200)).toBe(true);
      expect(codes[60]).toBe(429);
    });
  });

  describe('the page', () => {
    test('GET /studio: the page, no token needed, a strict CSP', async () => {
      const res = await call(t, 'GET', '/studio', { token: null });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['content-security-policy']).toBe(STUDIO_CSP);
      expect(STUDIO_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
      expect(res.headers['x-frame-options']).toBe('DENY');
      const html = res.body;
      expect(html).toContain('lang="nl"');
      expect(html).toContain('Probeer een zin');
      expect(html).toContain('Oefengesprek');
      expect(html).toContain('Tests en kwaliteit');
      expect(html).toContain('Wat de bot niet begreep');
      // No inline script or style: every <script> has a src, no <style>, no style="…", no on…= handlers.
      expect([...html.matchAll(/<script\b[^>]*>/g)].every((m) => /\ssrc=/.test(m[0]))).toBe(true);
      expect(html).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
    });

    test('the style sheet is a file; the script too (when built)', async () => {
      const css = await call(t, 'GET', '/studio/studio.css', { token: null });
      expect(css.statusCode).toBe(200);
      expect(css.headers['content-type']).toMatch(/^text\/css/);
      const js = await call(t, 'GET', '/studio/studio.js', { token: null });
      expect([200, 404]).toContain(js.statusCode);
      if (js.statusCode === 200) expect(js.headers['content-type']).toMatch(/^text\/javascript/);
    });
  });

  describe('POST /api/v1/studio/parse', () => {
    test('intent, score, candidates, rules — and the extras', async () => {
      const res = await call(t, 'POST', '/api/v1/studio/parse', { body: { text: SEXTORTION } });
      expect(res.statusCode).toBe(200);
      const p = res.json();
      expect(p.intent).toBe('sextortion');
      expect(p.score).toBeGreaterThan(0.4);
      expect(p.score).toBeLessThanOrEqual(1);
      expect(p.candidates.length).toBeGreaterThan(0);
      for (const c of p.candidates) {
        expect(typeof c.intent).toBe('string');
        expect(typeof c.score).toBe('number');
      }
      expect(p.candidates[0].intent).toBe('sextortion');
      expect(p.rules.length).toBeGreaterThan(0);
      expect(p.rules.every((r: unknown) => typeof r === 'string')).toBe(true);
      expect(p.outcome).toBe('matched');
      expect(p.fine).toBe('sextortion');
      expect(p.normalized).toBe(SEXTORTION);
    });

    test('not understood → out_of_scope, outcome none; crisis first', async () => {
      const none = (await call(t, 'POST', '/api/v1/studio/parse', { body: { text: 'wat is de hoofdstad van peru' } })).json();
      expect(none.intent).toBe('out_of_scope');
      expect(['none', 'unsure']).toContain(none.outcome);
      const crisis = (await call(t, 'POST', '/api/v1/studio/parse', { body: { text: 'ik wil dood' } })).json();
      expect(crisis.intent).toBe('crisis_suicide');
      expect(crisis.via).toBe('crisis');
    });

    test.for([[{}], [{ text: '' }], [{ text: 5 }], [{ choice: 'x' }]])('bad body %j → 400', async ([body]) => {
      const res = await call(t, 'POST', '/api/v1/studio/parse', { body });
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toMatch(/^VH_/);
    });
  });

  describe('the sandbox', () => {
    test('replies carry debug {intent, score, flow, step}; buttons move it on', async () => {
      const start = await call(t, 'POST', '/api/v1/studio/conversations');
      expect(start.statusCode).toBe(201);
      const s = start.json();
      expect(s.conversationId).toMatch(/^[A-Za-z0-9_-]{16,}$/);
      expect(s.replies.length).toBeGreaterThan(0);
      for (const r of s.replies) expect(r.debug).toMatchObject({ flow: s.at.flow, step: s.at.step });

      const msg = await call(t, 'POST', `/api/v1/studio/conversations/${s.conversationId}/messages`, { body: { text: SEXTORTION } });
      expect(msg.statusCode).toBe(200);
      const m = msg.json();
      expect(m.at).toMatchObject({ flow: 'sextortion', step: 'start' });
      expect(m.at.title.length).toBeGreaterThan(0);
      for (const r of m.replies) {
        expect(r.debug).toMatchObject({ intent: 'sextortion', flow: 'sextortion', step: 'start', match: 'matched' });
        expect(r.debug.score).toBeGreaterThan(0.4);
      }
      const choice = (await call(t, 'POST', `/api/v1/studio/conversations/${s.conversationId}/messages`, { body: { choice: 'stappen' } })).json();
      expect(choice.at).toMatchObject({ flow: 'sextortion', step: 'stoppen' });
      expect(choice.replies.every((r: { debug: { match: string } }) => r.debug.match === 'choice')).toBe(true);

      const bad = await call(t, 'POST', `/api/v1/studio/conversations/${s.conversationId}/messages`, { body: { choice: 'bestaat_niet' } });
      expect(bad.statusCode).toBe(400);
      expect(bad.json().error.code).toBe('VH_UNKNOWN_CHOICE');
    });

    test('sandbox and real conversations never mix', async () => {
      const sandboxId = (await call(t, 'POST', '/api/v1/studio/conversations')).json().conversationId as string;
      const realId = (await t.app.inject({ method: 'POST', url: '/api/v1/conversations' })).json().conversationId as string;
      const onPublic = await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${sandboxId}/messages`, payload: { text: 'hoi' } });
      expect(onPublic.statusCode).toBe(404);
      const onSandbox = await call(t, 'POST', `/api/v1/studio/conversations/${realId}/messages`, { body: { text: 'hoi' } });
      expect(onSandbox.statusCode).toBe(404);
      expect(onSandbox.json().error.code).toBe('VH_CONVERSATION_NOT_FOUND');
      expect(await t.store.get(sandboxId)).toBeUndefined();
    });

    test('jump to a step renders it; restart goes back to the welcome with the same id', async () => {
      const first = (await call(t, 'POST', '/api/v1/studio/conversations')).json();
      const id = first.conversationId as string;
      const jump = await call(t, 'POST', `/api/v1/studio/conversations/${id}/jump`, { body: { flow: 'sextortion', step: 'bewijs_opslaan' } });
      expect(jump.statusCode).toBe(200);
      const j = jump.json();
      expect(j.at).toMatchObject({ flow: 'sextortion', step: 'bewijs_opslaan' });
      expect(j.replies.some((r: { type: string }) => r.type === 'choices')).toBe(true);
      const next = (await call(t, 'POST', `/api/v1/studio/conversations/${id}/messages`, { body: { choice: 'ja' } })).json();
      expect(next.at.flow).toBe('sextortion');
      expect(next.at.step).not.toBe('bewijs_opslaan');

      for (const body of [{ flow: 'sextortion', step: 'nope' }, { flow: 'nope', step: 'start' }, { step: 'start' }]) {
        expect((await call(t, 'POST', `/api/v1/studio/conversations/${id}/jump`, { body })).statusCode).toBe(400);
      }
      const restart = await call(t, 'POST', `/api/v1/studio/conversations/${id}/restart`);
      expect(restart.statusCode).toBe(200);
      const r = restart.json();
      expect(r.conversationId).toBe(id);
      expect(r.at).toEqual(first.at);
      const x = (await call(t, 'GET', `/api/v1/studio/conversations/${id}/transcript`)).json();
      expect(x.turns).toBe(1);
      expect(x.stoppedAtJump).toBe(false);
    });

    test('"save as transcript": YAML that the transcript runner accepts and passes', async () => {
      const id = (await call(t, 'POST', '/api/v1/studio/conversations')).json().conversationId as string;
      await call(t, 'POST', `/api/v1/studio/conversations/${id}/messages`, { body: { text: SEXTORTION } });
      await call(t, 'POST', `/api/v1/studio/conversations/${id}/messages`, { body: { choice: 'betaald' } });
      await call(t, 'POST', `/api/v1/studio/conversations/${id}/messages`, { body: { choice: 'bestaat_niet' } });
      await call(t, 'POST', `/api/v1/studio/conversations/${id}/messages`, { body: { text: 'wat is de hoofdstad van peru' } });
      const res = await call(t, 'GET', `/api/v1/studio/conversations/${id}/transcript`);
      expect(res.statusCode).toBe(200);
      const x = res.json();
      expect(x.fileName).toMatch(/^[a-z0-9-]+\.yml$/);
      expect(x.stoppedAtJump).toBe(false);
      const parsed = TranscriptSchema.parse(parseYaml(x.yaml));
      expect(parsed.turns).toHaveLength(x.turns);
      expect(x.yaml).toContain(`user: ${SEXTORTION}`);
      expect(x.yaml).toContain('choose: betaald');
      expect(x.yaml).toContain('intent: sextortion');
      expect(x.yaml).toContain('error: VH_UNKNOWN_CHOICE');
      const bot = testBot();
      const result = runTranscript(x.fileName, parsed, (clock) => new Conversation(bot.content, bot.matcher, { clock }));
      expect(result.failure ?? 'ok').toBe('ok');

      // After a jump the transcript stops before it.
      await call(t, 'POST', `/api/v1/studio/conversations/${id}/jump`, { body: { flow: 'grooming', step: Object.keys(bot.content.flows.get('grooming')!.steps)[0] } });
      const after = (await call(t, 'GET', `/api/v1/studio/conversations/${id}/transcript`)).json();
      expect(after.stoppedAtJump).toBe(true);
      expect(after.yaml).toBe(x.yaml);
    });

    test('DELETE forgets a sandbox conversation; unknown ids → 404', async () => {
      const id = (await call(t, 'POST', '/api/v1/studio/conversations')).json().conversationId as string;
      expect((await call(t, 'DELETE', `/api/v1/studio/conversations/${id}`)).statusCode).toBe(204);
      expect((await call(t, 'GET', `/api/v1/studio/conversations/${id}/transcript`)).statusCode).toBe(404);
      expect((await call(t, 'POST', '/api/v1/studio/conversations/AAAAAAAAAAAAAAAAAAAAAAAA/messages', { body: { text: 'hoi' } })).statusCode).toBe(404);
    });
  });

  describe('the public API never carries debug, even with the studio on', () => {
    test('HTTP', async () => {
      const start = await t.app.inject({ method: 'POST', url: '/api/v1/conversations' });
      expect(hasDebug(start.json())).toBe(false);
      const id = start.json().conversationId;
      for (const payload of [{ text: SEXTORTION }, { choice: 'stappen' }, { text: 'wat is de hoofdstad van peru' }, { text: 'ik wil dood' }]) {
        const res = await t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload });
        expect(res.statusCode).toBe(200);
        expect(hasDebug(res.json())).toBe(false);
        expect(res.body).not.toContain('"score"');
      }
    });

    test('WebSocket', async () => {
      await t.app.ready();
      const ws = await t.app.injectWS('/ws');
      const frames: unknown[] = [];
      const next = () => new Promise<Record<string, unknown>>((resolve) => ws.once('message', (d) => resolve(JSON.parse(String(d)))));
      let f = next();
      ws.send(JSON.stringify({ type: 'start' }));
      frames.push(await f);
      f = next();
      ws.send(JSON.stringify({ type: 'message', text: SEXTORTION }));
      frames.push(await f);
      ws.terminate();
      expect(frames).toHaveLength(2);
      expect(hasDebug(frames)).toBe(false);
    });
  });

  describe('flows and diagrams', () => {
    test('GET /flows lists every flow with its steps', async () => {
      const { flows } = (await call(t, 'GET', '/api/v1/studio/flows')).json();
      expect(flows.length).toBe(testBot().content.flows.size);
      const s = flows.find((f: { id: string }) => f.id === 'sextortion');
      expect(s.steps).toContain('start');
      expect(s.steps).toContain('stoppen');
    });

    test('GET /flows/:id/diagram: a box per step, lines to where buttons lead', async () => {
      const res = await call(t, 'GET', '/api/v1/studio/flows/sextortion/diagram');
      expect(res.statusCode).toBe(200);
      const d = res.json();
      const steps = Object.keys(testBot().content.flows.get('sextortion')!.steps);
      expect(d.nodes.filter((n: { kind: string }) => n.kind === 'step').map((n: { id: string }) => n.id).sort()).toEqual([...steps].sort());
      const start = d.nodes.find((n: { id: string }) => n.id === 'start');
      expect(start.lines.map((l: { to: string }) => l.to)).toEqual(['al_betaald', 'stoppen', 'vertellen']);
      expect(d.edges.length).toBeGreaterThan(0);
      expect(d.edges.every((e: { d: string }) => /^[MC0-9., -]+$/.test(e.d))).toBe(true);
      expect((await call(t, 'GET', '/api/v1/studio/flows/nope/diagram')).statusCode).toBe(404);
    });

    test('GET /flows/:id/diagram.svg: SVG text with the current step marked', async () => {
      const res = await call(t, 'GET', '/api/v1/studio/flows/sextortion/diagram.svg?step=stoppen');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toMatch(/^image\/svg\+xml/);
      expect(res.body).toMatch(/^<svg /);
      expect(res.body).toContain('data-step="stoppen"');
      expect(res.body).not.toMatch(/<script/i);
    });
  });

  describe('GET /api/v1/studio/report', () => {
    test('transcripts pass/fail and the NLU report beside NLP.js', { timeout: 120_000 }, async () => {
      const res = await call(t, 'GET', '/api/v1/studio/report');
      expect(res.statusCode).toBe(200);
      const r = res.json();
      expect(r.transcripts.available).toBe(true);
      expect(r.transcripts.total).toBeGreaterThanOrEqual(60);
      expect(r.transcripts.passed + r.transcripts.failed).toBe(r.transcripts.total);
      for (const x of r.transcripts.results) {
        expect(typeof x.file).toBe('string');
        expect(typeof x.ok).toBe('boolean');
        if (!x.ok) expect(x.failure).toMatch(/^turn \d+|^error/);
      }
      expect(r.nlu.available).toBe(true);
      expect(r.nlu.rows.inDomain).toBeGreaterThan(50);
      const [ours, nlpjs] = r.nlu.systems;
      expect(ours.name).toBe('Vertel het');
      const fig = ours.perIntent.find((p: { intent: string }) => p.intent === 'sextortion');
      expect(fig).toMatchObject({ precision: expect.any(Number), recall: expect.any(Number), f1: expect.any(Number), support: expect.any(Number) });
      expect(Array.isArray(ours.confusions)).toBe(true);
      // NLP.js is a dev dependency, so here it is installed.
      expect(r.nlu.baseline).toMatchObject({ name: 'NLP.js', installed: true });
      expect(nlpjs.name).toBe('NLP.js');
      expect(nlpjs.perIntent.length).toBe(ours.perIntent.length);
      // Computed once: the second answer is the same report.
      const again = (await call(t, 'GET', '/api/v1/studio/report')).json();
      expect(again.tookMs).toBe(r.tookMs);
    });
  });
});

describe('what the bot did not understand', () => {
  const MARKER = 'zwoxqmarker';
  const PERSONAL = `Sanne de Boer 06-12345678 sanne.deboer@gmail.com ${MARKER} instagram.com/sanne_2009`;
  // A message the matcher does not understand (checked, so a better matcher cannot silently empty this test).
  const RAW = [`${PERSONAL} blauwe giraffe pannenkoek`, `ik ben ${PERSONAL} kwartel vijver`, `${PERSONAL} qwfp zxcv`].find(
    (text) => testBot().matcher.match(text).type !== 'matched',
  )!;

  test('the test message is one the bot does not understand', () => {
    expect(RAW).toBeDefined();
  });

  async function realConversation(t: TestApp): Promise<void> {
    const id = (await t.app.inject({ method: 'POST', url: '/api/v1/conversations' })).json().conversationId;
    const say = (payload: object) => t.app.inject({ method: 'POST', url: `/api/v1/conversations/${id}/messages`, payload });
    expect((await say({ text: SEXTORTION })).statusCode).toBe(200);
    expect((await say({ choice: 'stappen' })).statusCode).toBe(200);
    expect((await say({ text: RAW })).statusCode).toBe(200);
  }

  test('by default: counts per day only, no text at all', async () => {
    const t = await makeTestApp({ STUDIO_TOKEN: TOKEN });
    try {
      await realConversation(t);
      // Sandbox messages are never counted.
      const sid = (await call(t, 'POST', '/api/v1/studio/conversations')).json().conversationId;
      await call(t, 'POST', `/api/v1/studio/conversations/${sid}/messages`, { body: { text: `${MARKER} sandbox` } });
      const res = await call(t, 'GET', '/api/v1/studio/misses');
      expect(res.statusCode).toBe(200);
      const m = res.json();
      expect(m.collecting).toBe(false);
      expect(m.messages).toBeUndefined();
      expect(m.days).toHaveLength(1);
      const day = m.days[0];
      expect(day.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(day.matched).toBe(1);
      expect(day.matched + day.unsure + day.none).toBe(2);
      expect(Object.keys(day).sort()).toEqual(['date', 'matched', 'none', 'unsure']);
      expect(res.body).not.toContain(MARKER);
      expect(t.logs.join('\n')).not.toContain(MARKER);
    } finally {
      await t.app.close();
    }
  });

  test('with STUDIO_COLLECT_MISSES=1: the misunderstood message, scrubbed and unlinked', async () => {
    const t = await makeTestApp({ STUDIO_TOKEN: TOKEN, STUDIO_COLLECT_MISSES: true });
    try {
      await realConversation(t);
      const res = await call(t, 'GET', '/api/v1/studio/misses');
      const m = res.json();
      expect(m.collecting).toBe(true);
      expect(m.limits).toEqual({ countDays: 30, textDays: 7, maxPerDay: 500, maxTotal: 2000 });
      expect(m.messages).toHaveLength(1);
      const kept = m.messages[0];
      expect(Object.keys(kept).sort()).toEqual(expect.arrayContaining(['count', 'date', 'outcome', 'text']));
      expect(Object.keys(kept).every((k) => ['count', 'date', 'outcome', 'text', 'guess'].includes(k))).toBe(true);
      expect(kept.date).toBe(m.days[0].date);
      expect(['none', 'unsure']).toContain(kept.outcome);
      // The raw message never comes back, nor any of its personal parts.
      expect(res.body).not.toContain(RAW);
      for (const secret of ['Sanne', 'Boer', '06-12345678', '12345678', 'sanne.deboer', 'gmail', 'instagram.com', 'sanne_2009']) expect(kept.text).not.toContain(secret);
      expect(kept.text).toContain('[NAME]');
      expect(kept.text).toContain('[PHONE]');
      expect(kept.text).toContain('[EMAIL]');
      expect(kept.text).toContain('[URL]');
      // Neither a conversation id nor a time.
      expect(res.body).not.toMatch(/conversationId|T\d\d:\d\d/);
      expect(t.logs.join('\n')).not.toContain(MARKER);
    } finally {
      await t.app.close();
    }
  });
});
