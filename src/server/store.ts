/** Picks the session store from config: Redis when REDIS_URL is set, else memory. */
import { MemorySessionStore } from '../core/memory-store.js';
import type { SessionStore } from '../core/session.js';
import type { Config } from './config.js';
import { RedisSessionStore } from './redis-store.js';

export function createStore(config: Config): SessionStore {
  if (config.REDIS_URL) return new RedisSessionStore({ url: config.REDIS_URL, ttlSeconds: config.SESSION_TTL_SECONDS });
  return new MemorySessionStore({ ttlSeconds: config.SESSION_TTL_SECONDS, maxEntries: config.MAX_SESSIONS });
}
