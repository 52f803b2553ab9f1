/**
 * Holding off abuse without knowing who anyone is: the rate-limit key is a salted hash of the
 * client address (behind a proxy: the forwarded address, with TRUST_PROXY), never the address
 * itself, and the salt changes with every start. Creating conversations is stricter than sending.
 * RATE_LIMIT_MAX=0 turns it off (for load tests behind your own limiter).
 */
import { createHmac, randomBytes } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Redis } from 'ioredis';
import { CodedError } from '../../core/errors.js';
import type { Config } from '../config.js';

const SALT = randomBytes(32);

export const clientKey = (request: FastifyRequest): string => createHmac('sha256', SALT).update(request.ip).digest('base64url').slice(0, 22);

export interface RateLimits {
  /** Route config for sending messages. */
  messages: { rateLimit: { max: number; timeWindow: string } } | Record<string, never>;
  /** Route config for creating conversations (stricter). */
  create: { rateLimit: { max: number; timeWindow: string } } | Record<string, never>;
}

export async function registerRateLimit(app: FastifyInstance, config: Config, opts: { redis?: Redis; message: string }): Promise<RateLimits> {
  if (config.RATE_LIMIT_MAX === 0) return { messages: {}, create: {} };
  await app.register(rateLimit, {
    global: false,
    keyGenerator: clientKey,
    ...(opts.redis ? { redis: opts.redis, nameSpace: 'vh:rl:' } : {}),
    // If Redis is down the limiter lets requests through; the session store answers 503 anyway.
    skipOnError: true,
    // Thrown by the plugin and answered by our error handler in the usual {"error": …} shape.
    errorResponseBuilder: (_req, ctx) => Object.assign(new CodedError('VH_RATE_LIMITED', opts.message, { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) }), { statusCode: 429 }),
  });
  const max = config.RATE_LIMIT_MAX;
  return {
    messages: { rateLimit: { max, timeWindow: '1 minute' } },
    create: { rateLimit: { max: Math.max(3, Math.ceil(max / 4)), timeWindow: '1 minute' } },
  };
}
