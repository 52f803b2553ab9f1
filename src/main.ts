/**
 * Boots the service: config, content, session store, app, listen; graceful shutdown on SIGTERM.
 * Nothing else lives here.
 */
import { createBot, ContentInvalidError } from './core/bot.js';
import { buildApp } from './server/app.js';
import { parseConfig } from './server/config.js';
import { createLogger } from './server/logger.js';
import { createStore } from './server/store.js';

const parsed = parseConfig(process.env);
if (!parsed.ok) {
  for (const e of parsed.errors) console.error(`configuration error: ${e}`);
  process.exit(1);
}
const config = parsed.config;
const logger = createLogger(config.LOG_LEVEL);

let bot;
try {
  bot = createBot({
    ...(config.CONTENT_DIR ? { contentRoot: config.CONTENT_DIR } : {}),
    retentionSeconds: config.SESSION_TTL_SECONDS,
    // Misses are only kept when the studio that shows them is on: the bot says so truthfully.
    collectMisses: config.STUDIO_COLLECT_MISSES && config.STUDIO_TOKEN !== undefined,
  });
} catch (err) {
  if (err instanceof ContentInvalidError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const store = createStore(config);
const { app, telegram } = await buildApp({ config, bot, store, logger });
await app.listen({ port: config.PORT, host: config.HOST });
// Telegram (when TELEGRAM_BOT_TOKEN is set) starts once the server listens; app.close() stops it.
// If it cannot start (a wrong token, no network), the web chat keeps running.
telegram?.start().catch((err: unknown) => logger.error({ err }, 'telegram bot did not start'));

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  // Keep-alive connections that finish a request during the drain are closed as soon as they are
  // idle; whatever still hangs on after 5 s is cut, so shutdown always ends well within 10 s.
  const reaper = setInterval(() => app.server.closeIdleConnections(), 100).unref();
  const cut = setTimeout(() => app.server.closeAllConnections(), 5000).unref();
  try {
    await app.close();
    clearInterval(reaper);
    clearTimeout(cut);
    await store.close();
  } finally {
    clearTimeout(force);
    process.exit(0);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
