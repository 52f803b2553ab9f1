/** Builds the app for tests: real content, memory sessions, logs captured in memory. */
import { Writable } from 'node:stream';
import { createBot, type Bot } from '../../src/core/bot.js';
import { MemorySessionStore } from '../../src/core/memory-store.js';
import type { SessionStore } from '../../src/core/session.js';
import { buildApp, type App } from '../../src/server/app.js';
import { defaultConfig, type Config } from '../../src/server/config.js';
import { createLogger } from '../../src/server/logger.js';

let shared: Bot | undefined;
/** The bot is built once per test file (building the matcher takes a moment). */
export function testBot(): Bot {
  shared ??= createBot();
  return shared;
}

export interface TestApp extends App {
  logs: string[];
  store: SessionStore;
  config: Config;
}

export async function makeTestApp(overrides: Partial<Config> = {}, opts: { store?: SessionStore; bot?: Bot } = {}): Promise<TestApp> {
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, cb) {
      logs.push(String(chunk));
      cb();
    },
  });
  const config = defaultConfig({ LOG_LEVEL: 'info', RATE_LIMIT_MAX: 0, ...overrides });
  const store = opts.store ?? new MemorySessionStore({ ttlSeconds: config.SESSION_TTL_SECONDS, maxEntries: 10_000 });
  const app = await buildApp({ config, bot: opts.bot ?? testBot(), store, logger: createLogger('info', sink) });
  return { ...app, logs, store, config };
}
