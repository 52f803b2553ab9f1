/**
 * Boots the service: config, content, session store, app, listen; graceful shutdown on SIGTERM.
 * Nothing else lives here.
 */
import { createBot, ContentInvalidError } from './core/bot.js';
import { MemorySessionStore } from './core/memory-store.js';
import { buildApp } from './server/app.js';
import { parseConfig } from './server/config.js';
import { createLogger } from './server/logger.js';

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
    collectMisses: config.STUDIO_COLLECT_MISSES,
  });
} catch (err) {
  if (err instanceof ContentInvalidError) {
    console.error(err.message);
    process.exit(1);
  }
  throw err;
}

const store = new MemorySessionStore({ ttlSeconds: config.SESSION_TTL_SECONDS, maxEntries: config.MAX_SESSIONS });
const { app } = await buildApp({ config, bot, store, logger });
await app.listen({ port: config.PORT, host: config.HOST });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  try {
    await app.close();
    await store.close();
  } finally {
    clearTimeout(force);
    process.exit(0);
  }
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
