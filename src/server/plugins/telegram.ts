/**
 * Wires the Telegram channel into the app (shared/api.md "Telegram"):
 *
 * - No TELEGRAM_BOT_TOKEN: nothing happens; the bot is off and /telegram/webhook does not exist.
 * - PUBLIC_URL and TELEGRAM_WEBHOOK_SECRET set: webhook mode. `POST /telegram/webhook` checks the
 *   X-Telegram-Bot-Api-Secret-Token header in constant time (before the body is even parsed) and
 *   `start()` calls setWebhook with that secret and the update types the bot handles.
 * - Otherwise: long polling (development), started by `start()` after the server listens.
 *
 * API calls answered 429 are retried after Telegram's retry_after (capped); the onClose hook
 * stops polling and waits briefly for updates under way.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { BotError, GrammyError, type Transformer } from 'grammy';
import type { Update } from 'grammy/types';
import { ALLOWED_UPDATES, createTelegramAdapter, type TelegramAdapter } from '../../channels/telegram.js';
import { CodedError } from '../../core/errors.js';
import type { ConversationService } from '../../core/service.js';
import type { Config } from '../config.js';
import { errorBody } from '../errors.js';

export const WEBHOOK_PATH = '/telegram/webhook';
/** Telegram's updates can be larger than the API's 16 KB body limit (4,096-character texts, quotes). */
const WEBHOOK_BODY_LIMIT = 1024 * 1024;
/** Answer Telegram within this time even if a turn is still under way (it would resend otherwise). */
const WEBHOOK_WAIT_MS = 9_000;
const STOP_WAIT_MS = 5_000;

export interface TelegramChannel {
  adapter: TelegramAdapter;
  mode: 'polling' | 'webhook';
  /** getMe and setMyCommands, then setWebhook (webhook mode) or long polling in the background. */
  start(opts?: { pollTimeoutSeconds?: number }): Promise<void>;
  stop(): Promise<void>;
}

export interface TelegramPluginDeps {
  config: Config;
  service: ConversationService;
  /** Tests: how long a 429 may make us wait before giving up (seconds). */
  maxRetryDelaySeconds?: number;
}

export function registerTelegram(app: FastifyInstance, deps: TelegramPluginDeps): TelegramChannel | undefined {
  const { config, service } = deps;
  const token = config.TELEGRAM_BOT_TOKEN;
  if (!token) return undefined;
  const logger = app.log.child({ channel: 'telegram' });
  const adapter = createTelegramAdapter({ token, apiRoot: config.TELEGRAM_API_ROOT.replace(/\/+$/, ''), service, logger });
  const { bot } = adapter;
  bot.api.config.use(retryAfter({ maxAttempts: 4, maxDelaySeconds: deps.maxRetryDelaySeconds ?? 30 }));
  const secret = config.PUBLIC_URL ? config.TELEGRAM_WEBHOOK_SECRET : undefined;
  const mode = secret ? 'webhook' : 'polling';
  let ready = false;
  const sweeper = setInterval(() => adapter.memory.sweep(), 3600_000).unref();

  if (secret) {
    const expected = digest(secret);
    app.post(
      WEBHOOK_PATH,
      {
        bodyLimit: WEBHOOK_BODY_LIMIT,
        config: { rateLimit: false },
        onRequest: async (request, reply) => {
          const given = request.headers['x-telegram-bot-api-secret-token'];
          if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
            return reply.status(401).send(errorBody(new CodedError('VH_UNAUTHORIZED', 'wrong or missing secret token')));
          }
        },
      },
      async (request, reply) => {
        if (!ready) return reply.status(503).send(errorBody(new CodedError('VH_UNAVAILABLE', 'the Telegram bot is starting')));
        const update = request.body as Update | undefined;
        if (!update || typeof update !== 'object' || typeof update.update_id !== 'number') {
          return reply.status(400).send(errorBody(new CodedError('VH_BAD_REQUEST', 'not a Telegram update')));
        }
        const work = bot.handleUpdate(update).catch((err: unknown) => (err instanceof BotError ? bot.errorHandler(err) : logger.error({ err }, 'telegram update failed')));
        await Promise.race([work, sleep(WEBHOOK_WAIT_MS, undefined, { ref: false })]);
        return reply.status(200).send();
      },
    );
  }

  const commands = () => {
    const c = service.conversation.content.telegram.commands;
    return [
      { command: 'start', description: c.start },
      { command: 'menu', description: c.menu },
      { command: 'wis', description: c.wis },
      { command: 'hulp', description: c.hulp },
    ];
  };

  const channel: TelegramChannel = {
    adapter,
    mode,
    async start(opts = {}) {
      await bot.init();
      await bot.api.setMyCommands(commands()).catch((err: unknown) => logger.warn({ code: codeOf(err) }, 'telegram setMyCommands failed'));
      if (secret) {
        const url = `${config.PUBLIC_URL!.replace(/\/+$/, '')}${WEBHOOK_PATH}`;
        await bot.api.setWebhook(url, { secret_token: secret, allowed_updates: [...ALLOWED_UPDATES] });
        ready = true;
        logger.info({ mode }, 'telegram bot started');
        return;
      }
      await new Promise<void>((resolve, reject) => {
        bot
          .start({ allowed_updates: [...ALLOWED_UPDATES], timeout: opts.pollTimeoutSeconds ?? 30, onStart: () => resolve() })
          .catch((err: unknown) => {
            logger.error({ code: codeOf(err) }, 'telegram polling stopped');
            reject(err instanceof Error ? err : new Error('telegram polling stopped'));
          });
      });
      ready = true;
      logger.info({ mode }, 'telegram bot started');
    },
    async stop() {
      ready = false;
      clearInterval(sweeper);
      const waits: Array<Promise<unknown>> = [adapter.serial.idle()];
      if (bot.isRunning()) waits.push(bot.stop());
      await Promise.race([Promise.allSettled(waits), sleep(STOP_WAIT_MS, undefined, { ref: false })]);
    },
  };
  app.addHook('onClose', async () => channel.stop());
  return channel;
}

/** A wait that ends early when the call is aborted (grammY's AbortSignal is a polyfill on Node). */
function pause(ms: number, signal?: { addEventListener(type: 'abort', fn: () => void): void }): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const digest = (s: string) => createHash('sha256').update(s).digest();
const codeOf = (err: unknown) => (err instanceof GrammyError ? err.error_code : err instanceof Error ? err.name : 'unknown');

/**
 * Retries a call Telegram answered with 429 after its retry_after, at most `maxAttempts` times
 * and never waiting longer than `maxDelaySeconds` (then the error goes to the adapter, which logs
 * it and carries on). The "typing" action is not worth a wait; polling handles its own 429s.
 */
export function retryAfter(opts: { maxAttempts: number; maxDelaySeconds: number }): Transformer {
  return async (prev, method, payload, signal) => {
    let res = await prev(method, payload, signal);
    for (let attempt = 1; attempt < opts.maxAttempts; attempt++) {
      if (res.ok || res.error_code !== 429 || method === 'getUpdates' || method === 'sendChatAction') break;
      const wait = res.parameters?.retry_after ?? 1;
      if (wait > opts.maxDelaySeconds) break;
      await pause(wait * 1000, signal);
      res = await prev(method, payload, signal);
    }
    return res;
  };
}
