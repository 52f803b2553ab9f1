/**
 * The Fastify app as a plugin-built instance: `buildApp()` returns it without listening, so tests
 * use `inject` and main.ts only boots it. Channels are registered here; each is a thin adapter
 * over the same ConversationService.
 */
import websocket from '@fastify/websocket';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { WebSocket } from 'ws';
import { httpChannel } from '../channels/http.js';
import { WS_MAX_FRAME, websocketChannel } from '../channels/websocket.js';
import type { Bot } from '../core/bot.js';
import { CodedError } from '../core/errors.js';
import { ConversationService } from '../core/service.js';
import type { SessionStore } from '../core/session.js';
import type { Config } from './config.js';
import { errorBody, registerErrorHandling } from './errors.js';
import { createLogger } from './logger.js';
import { originAllowed, ownOrigin, registerOrigins } from './plugins/origins.js';
import { registerRateLimit } from './plugins/rate-limit.js';
import { registerSecurity } from './plugins/security.js';
import { registerStudio } from './plugins/studio.js';
import { registerTelegram, type TelegramChannel } from './plugins/telegram.js';
import { registerWidget } from './plugins/widget.js';
import { RedisSessionStore } from './redis-store.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** What the bot made of this request, for the request log (never the text). */
    vh?: { intent?: string | undefined; flow?: string; step?: string };
  }
}

export const BODY_LIMIT = 16 * 1024;

export interface AppDeps {
  config: Config;
  bot: Bot;
  store: SessionStore;
  logger?: Logger;
}

export interface App {
  app: FastifyInstance;
  service: ConversationService;
  /** Open WebSockets (closed with a reconnect hint on shutdown). */
  sockets: Set<WebSocket>;
  /** The Telegram bot when TELEGRAM_BOT_TOKEN is set; main.ts starts it after listen. */
  telegram?: TelegramChannel | undefined;
}

/** WebSocket close code "service restart": the widget reconnects and resumes. */
export const WS_CLOSE_RESTART = 1012;

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, bot, store } = deps;
  const logger = deps.logger ?? createLogger(config.LOG_LEVEL);
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Fastify's own request logs hold URLs and addresses; ours (onResponse below) hold neither.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: BODY_LIMIT,
    trustProxy: trustProxyOption(config.TRUST_PROXY),
    return503OnClosing: true,
    routerOptions: { maxParamLength: 200 },
  });
  // RATE_LIMIT_MAX=0 turns every limit off, the per-conversation budget too (load tests behind your own limiter).
  const service = new ConversationService(bot.conversation, store, config.RATE_LIMIT_MAX === 0 ? { messagesPerMinute: 0 } : {});

  registerErrorHandling(app);
  registerJsonParser(app);
  await registerSecurity(app, config);

  app.addHook('onResponse', async (request, reply) => {
    if (!(request.log as Logger).isLevelEnabled('info')) return;
    request.log.info(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unknown',
        status: reply.statusCode,
        ms: Math.round(reply.elapsedTime),
        ...(request.vh ?? {}),
      },
      'request',
    );
  });

  app.get('/healthz', async () => ({ status: 'ok' }));
  app.get('/readyz', async (_request, reply) => {
    const ok = await withTimeout(store.ping(), 1000).catch(() => false);
    if (!ok) return reply.status(503).send(errorBody(new CodedError('VH_UNAVAILABLE', 'the session store does not answer')));
    return { status: 'ready', content: { flows: bot.content.flows.size, intents: bot.content.intents.size } };
  });

  await registerOrigins(app, config);
  const sockets = new Set<WebSocket>();
  await app.register(websocket, {
    // Frames up to 4x the limit reach the handler and get a coded error; larger ones close the socket (1009).
    options: { maxPayload: WS_MAX_FRAME * 4 },
    preClose: async () => {
      for (const s of sockets) s.close(WS_CLOSE_RESTART, 'server restart, reconnect');
    },
  });
  // Refuse a WebSocket from a site that may not embed the chat, before the upgrade.
  app.addHook('onRequest', async (request, reply) => {
    if (request.url.split('?')[0] !== '/ws') return;
    const origin = request.headers.origin;
    if (origin && origin.toLowerCase() !== ownOrigin(request) && !originAllowed(config, origin)) {
      return reply.status(403).send(errorBody(new CodedError('VH_FORBIDDEN_ORIGIN', 'this site may not use the chat')));
    }
  });

  const limits = await registerRateLimit(app, config, {
    ...(store instanceof RedisSessionStore ? { redis: store.client } : {}),
    message: bot.content.texts.errors.rateLimited,
  });
  httpChannel(app, service, limits);
  websocketChannel(app, service, sockets, limits.create);
  await registerWidget(app, { config, content: bot.content });
  const telegram = registerTelegram(app, { config, service });
  if (config.STUDIO_TOKEN) await registerStudio(app, { config, bot, service });
  return { app, service, sockets, telegram };
}

/** JSON bodies may be empty (POST /conversations needs no body); prototype poisoning is refused. */
function registerJsonParser(app: FastifyInstance): void {
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  // Only JSON is spoken here: text/plain gets a clear 415 instead of being read as a message.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    parseJson(request, text, (err, value) => (err ? done(new CodedError('VH_INVALID_JSON', 'the body is not valid JSON'), undefined) : done(null, value)));
  });
}

/** A number of proxy hops becomes proxy-addr's function form (the types only know the other forms). */
function trustProxyOption(v: Config['TRUST_PROXY']): boolean | string[] | ((addr: string, hop: number) => boolean) {
  return typeof v === 'number' ? (_addr: string, hop: number) => hop < v : v;
}

export function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('timeout')), ms);
    p.then(
      (v) => {
        clearTimeout(t);
        resolve(v);
      },
      (e) => {
        clearTimeout(t);
        reject(e);
      },
    );
  });
}
