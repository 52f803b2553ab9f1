/**
 * Sessions in Redis, so several instances can serve one conversation. Each session is one hash
 * {v: version, d: JSON} with a TTL; writes are compare-and-set in a Lua script, so two messages
 * of one conversation on two instances never lose an update. Read-back data is checked with zod:
 * a corrupt or old-format entry becomes a fresh start, not a crash.
 *
 * Commands fail fast (short timeouts, one retry) so a Redis outage answers with a coded 503
 * within about a second; the client reconnects on its own.
 */
import { Redis } from 'ioredis';
import { CorruptSessionError, SessionSchema, type Session, type SessionStore, type Versioned } from '../core/session.js';

const PREFIX = 'vh:s:';

const CREATE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
redis.call('HSET', KEYS[1], 'v', 1, 'd', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[2])
return 1`;

const UPDATE = `
local v = redis.call('HGET', KEYS[1], 'v')
if not v or tonumber(v) ~= tonumber(ARGV[2]) then return 0 end
redis.call('HSET', KEYS[1], 'v', tonumber(v) + 1, 'd', ARGV[1])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return 1`;

export interface RedisStoreOptions {
  url: string;
  ttlSeconds: number;
  /** Milliseconds before a command counts as failed (default 1000). */
  commandTimeoutMs?: number;
}

type ScriptedRedis = Redis & {
  vhCreate(key: string, json: string, ttl: number): Promise<number>;
  vhUpdate(key: string, json: string, expected: number, ttl: number): Promise<number>;
};

export class RedisSessionStore implements SessionStore {
  private readonly redis: ScriptedRedis;

  constructor(private readonly options: RedisStoreOptions) {
    const timeout = options.commandTimeoutMs ?? 1000;
    this.redis = new Redis(options.url, {
      lazyConnect: false,
      // Commands wait for a (re)connection at most `commandTimeout`, then fail: a coded 503, no hang.
      enableOfflineQueue: true,
      maxRetriesPerRequest: 1,
      commandTimeout: timeout,
      connectTimeout: 2000,
      retryStrategy: (times) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
      reconnectOnError: () => true,
    }) as ScriptedRedis;
    // Errors surface on the commands (as a 503); the connection's own error events are expected during outages.
    this.redis.on('error', () => undefined);
    this.redis.defineCommand('vhCreate', { numberOfKeys: 1, lua: CREATE });
    this.redis.defineCommand('vhUpdate', { numberOfKeys: 1, lua: UPDATE });
  }

  async get(id: string): Promise<Versioned | undefined> {
    const [v, d] = await this.redis.hmget(PREFIX + id, 'v', 'd');
    if (v === null && d === null) return undefined;
    const version = Number(v);
    let data: unknown;
    try {
      data = JSON.parse(d ?? '');
    } catch {
      throw new CorruptSessionError();
    }
    const parsed = SessionSchema.safeParse(data);
    if (!parsed.success || !Number.isInteger(version)) throw new CorruptSessionError();
    return { session: parsed.data, version };
  }

  async create(id: string, session: Session): Promise<boolean> {
    return (await this.redis.vhCreate(PREFIX + id, JSON.stringify(session), this.options.ttlSeconds)) === 1;
  }

  async update(id: string, session: Session, expectedVersion: number): Promise<boolean> {
    return (await this.redis.vhUpdate(PREFIX + id, JSON.stringify(session), expectedVersion, this.options.ttlSeconds)) === 1;
  }

  async delete(id: string): Promise<boolean> {
    return (await this.redis.del(PREFIX + id)) === 1;
  }

  async ping(): Promise<boolean> {
    try {
      return (await this.redis.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    try {
      await this.redis.quit();
    } catch {
      this.redis.disconnect();
    }
  }

  /** For tests and operations: the raw client. */
  get client(): Redis {
    return this.redis;
  }
}
