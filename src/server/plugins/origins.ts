/**
 * Which sites may talk to the conversation API and the WebSocket: ALLOWED_ORIGINS, or any site
 * when it is unset (shared/api.md). No cookies are ever used, so credentials stay off.
 */
import cors from '@fastify/cors';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { CodedError } from '../../core/errors.js';
import type { Config } from '../config.js';
import { errorBody } from '../errors.js';

export function originAllowed(config: Pick<Config, 'ALLOWED_ORIGINS'>, origin: string | undefined): boolean {
  if (!config.ALLOWED_ORIGINS) return true;
  // Same-origin pages (the /embed page, the studio) and non-browser clients send no Origin.
  if (!origin) return true;
  return config.ALLOWED_ORIGINS.includes(origin.toLowerCase());
}

/** The origin of this service itself, so its own /embed page is always allowed. */
export function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`.toLowerCase();
}

export async function registerOrigins(app: FastifyInstance, config: Config): Promise<void> {
  await app.register(cors, {
    origin: config.ALLOWED_ORIGINS ?? true,
    methods: ['GET', 'POST', 'DELETE'],
    credentials: false,
    maxAge: 600,
  });
  // CORS only hides the answer from the page: a "simple" POST from a refused site would still start a
  // conversation. With a list set, the API itself refuses a foreign Origin (the WS check is in app.ts).
  if (config.ALLOWED_ORIGINS) {
    app.addHook('onRequest', async (request, reply) => {
      if (request.method === 'OPTIONS' || !request.url.startsWith('/api/')) return;
      const origin = request.headers.origin;
      if (origin && origin.toLowerCase() !== ownOrigin(request) && !originAllowed(config, origin)) {
        return reply.status(403).send(errorBody(new CodedError('VH_FORBIDDEN_ORIGIN', 'this site may not use the chat')));
      }
    });
  }
}
