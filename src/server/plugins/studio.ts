/**
 * The worker studio (shared/api.md "Worker studio"), registered only when STUDIO_TOKEN is set.
 * GET /studio serves a static page (no token needed to load it); every /api/v1/studio/* call needs
 * `Authorization: Bearer <STUDIO_TOKEN>`, compared in constant time over HMACs, and is rate limited
 * per client (the salted address hash of the rate-limit plugin), wrong tokens much more strictly.
 * The studio never shows a real conversation: the sandbox has its own store, and of real
 * conversations only outcome counts (and, opted in, scrubbed unlinked texts) are kept.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseMessageBody } from '../../channels/http.js';
import type { Bot } from '../../core/bot.js';
import { CodedError } from '../../core/errors.js';
import type { ConversationService } from '../../core/service.js';
import { DEFAULT_CONTENT_ROOT } from '../../content/index.js';
import type { IntentFile } from '../../content/schema.js';
import type { Baseline } from '../../nlu/baseline.js';
import { diagramSvg } from '../../studio/diagram.js';
import { Studio } from '../../studio/index.js';
import type { Config } from '../config.js';
import { clientKey } from './rate-limit.js';

export interface StudioDeps {
  config: Pick<Config, 'STUDIO_TOKEN' | 'STUDIO_COLLECT_MISSES' | 'CONTENT_DIR' | 'NODE_ENV'>;
  bot: Bot;
  /** The PUBLIC conversation service: observed for the outcome counts only. */
  service: ConversationService;
  /** Where studio/ and dist/ live (default: the project root). */
  root?: string;
  clock?: () => Date;
  /** Studio API calls per minute per client (default 60); wrong tokens: at most 10 a minute. */
  perMinute?: number;
  trainBaseline?: (intents: Iterable<IntentFile>) => Promise<Baseline>;
}

/** No inline script or style anywhere on the page; it talks to this origin only. */
export const STUDIO_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const FAILED_AUTH_PER_MINUTE = 10;

/** A fixed one-minute window per key, in memory (the studio has few users). */
export class MinuteCounter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  /** Counts one and says how many there were in this minute, this one included. */
  hit(key: string): number {
    const now = this.now();
    let w = this.windows.get(key);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size > 10_000) this.windows.clear();
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    return ++w.count;
  }

  peek(key: string): number {
    const w = this.windows.get(key);
    return w && this.now() - w.start < 60_000 ? w.count : 0;
  }
}

export async function registerStudio(app: FastifyInstance, deps: StudioDeps): Promise<Studio> {
  const token = deps.config.STUDIO_TOKEN;
  if (!token) throw new Error('registerStudio needs STUDIO_TOKEN');
  const root = deps.root ?? DEFAULT_CONTENT_ROOT;
  const studio = new Studio({
    bot: deps.bot,
    collectMisses: deps.config.STUDIO_COLLECT_MISSES,
    root: deps.config.CONTENT_DIR ?? root,
    ...(deps.clock ? { clock: deps.clock } : {}),
    ...(deps.trainBaseline ? { trainBaseline: deps.trainBaseline } : {}),
  });
  const stopObserving = deps.service.observe(studio.observer);
  app.addHook('onClose', async () => {
    stopObserving();
    await studio.close();
  });

  registerPage(app, root, deps.config.NODE_ENV === 'production');

  const key = randomBytes(32);
  const mac = (s: string) => createHmac('sha256', key).update(s).digest();
  const expected = mac(token);
  const authorized = (header: string | undefined): boolean => {
    const m = /^Bearer[ ]+(\S+)[ ]*$/i.exec(header ?? '');
    // Always one HMAC and one comparison, whatever was sent.
    const same = timingSafeEqual(mac(m?.[1] ?? ''), expected);
    return same && m !== null;
  };
  const perMinute = deps.perMinute ?? 60;
  const calls = new MinuteCounter();
  const failures = new MinuteCounter();

  await app.register(
    async (api) => {
      api.addHook('onRequest', async (request, reply) => {
        reply.header('cache-control', 'no-store');
        const client = clientKey(request);
        if (calls.hit(client) > perMinute || failures.peek(client) >= FAILED_AUTH_PER_MINUTE) {
          throw new CodedError('VH_RATE_LIMITED', 'too many studio requests; wait a minute');
        }
        if (!authorized(request.headers.authorization)) {
          failures.hit(client);
          reply.header('www-authenticate', 'Bearer realm="studio"');
          throw new CodedError('VH_UNAUTHORIZED', 'the studio needs Authorization: Bearer <STUDIO_TOKEN>');
        }
      });

      api.post('/parse', async (request) => {
        const inbound = parseMessageBody(request.body);
        if (inbound.type !== 'text') throw new CodedError('VH_BAD_REQUEST', 'send {"text": "…"}');
        return studio.parse(inbound.text);
      });

      api.get('/flows', async () => ({ flows: studio.flows() }));

      api.get<{ Params: { id: string } }>('/flows/:id/diagram', async (request) => {
        const d = studio.diagram(request.params.id);
        if (!d) throw new CodedError('VH_NOT_FOUND', 'no such flow');
        return d;
      });

      api.get<{ Params: { id: string }; Querystring: { step?: string } }>('/flows/:id/diagram.svg', async (request, reply) => {
        const d = studio.diagram(request.params.id);
        if (!d) throw new CodedError('VH_NOT_FOUND', 'no such flow');
        const step = typeof request.query.step === 'string' ? request.query.step : undefined;
        return reply.type('image/svg+xml; charset=utf-8').header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'").send(diagramSvg(d, step));
      });

      api.post('/conversations', async (_request, reply) => reply.status(201).send(await studio.sandbox.start()));

      api.post<{ Params: { id: string } }>('/conversations/:id/messages', async (request) => studio.sandbox.send(request.params.id, parseMessageBody(request.body)));

      api.post<{ Params: { id: string } }>('/conversations/:id/restart', async (request) => studio.sandbox.restart(request.params.id));

      api.post<{ Params: { id: string } }>('/conversations/:id/jump', async (request) => {
        const b = request.body as { flow?: unknown; step?: unknown } | undefined;
        if (!b || typeof b.flow !== 'string' || typeof b.step !== 'string') throw new CodedError('VH_BAD_REQUEST', 'send {"flow": "…", "step": "…"}');
        return studio.sandbox.jump(request.params.id, b.flow, b.step);
      });

      api.get<{ Params: { id: string } }>('/conversations/:id/transcript', async (request) => studio.sandbox.transcript(request.params.id));

      api.delete<{ Params: { id: string } }>('/conversations/:id', async (request, reply) => {
        await studio.sandbox.forget(request.params.id).catch(() => undefined);
        return reply.status(204).send();
      });

      api.get('/report', async () => studio.report());

      api.get('/misses', async () => studio.misses.report());
    },
    { prefix: '/api/v1/studio' },
  );
  return studio;
}

/** The page, its script and its style sheet. The HTML and CSS come from studio/ (or the copies in dist/). */
function registerPage(app: FastifyInstance, root: string, production: boolean): void {
  const find = (...candidates: string[]) => candidates.map((c) => join(root, c)).find((p) => existsSync(p));
  const cache = new Map<string, Buffer>();
  const read = (candidates: string[]): Buffer | undefined => {
    const path = find(...candidates);
    if (!path) return undefined;
    // The built script may appear after start (tests build it); once read it stays.
    const hit = cache.get(path);
    if (hit) return hit;
    const body = readFileSync(path);
    if (production) cache.set(path, body);
    return body;
  };
  const send = (reply: FastifyReply, type: string, candidates: string[], what: string) => {
    const body = read(candidates);
    if (!body) throw new CodedError('VH_NOT_FOUND', `${what} is missing: run npm run build`);
    return reply
      .type(type)
      .header('content-security-policy', STUDIO_CSP)
      .header('x-content-type-options', 'nosniff')
      .header('x-frame-options', 'DENY')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-cache')
      .header('x-robots-tag', 'noindex, nofollow')
      .send(body);
  };
  const page = async (_request: FastifyRequest, reply: FastifyReply) => send(reply, 'text/html; charset=utf-8', ['studio/index.html', 'dist/studio.html'], 'the studio page');
  app.get('/studio', page);
  app.get('/studio/', page);
  app.get('/studio/studio.css', async (_request, reply) => send(reply, 'text/css; charset=utf-8', ['studio/studio.css', 'dist/studio.css'], 'studio.css'));
  app.get('/studio/studio.js', async (_request, reply) => send(reply, 'text/javascript; charset=utf-8', ['dist/studio.js'], 'dist/studio.js'));
}
