/**
 * Security headers for the whole service with @fastify/helmet, and the few per-route exceptions
 * the web channel needs — all header policy in one place:
 * - everything (the JSON API, health checks, errors) keeps helmet's strict defaults;
 * - /widget.js and /widget/texts.json may be loaded by any site (Cross-Origin-Resource-Policy);
 * - /embed may be framed by the sites in ALLOWED_ORIGINS (CSP frame-ancestors; any site when unset)
 *   and allows only its own script and connections: no inline script or style anywhere.
 */
import helmet, { type FastifyHelmetOptions } from '@fastify/helmet';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import helmetHeaders from 'helmet';
import type { Config } from '../config.js';

export type RouteHelmet = Omit<FastifyHelmetOptions, 'global'>;

// helmet's default policy, without upgrade-insecure-requests: in development the service runs on
// plain http://localhost, and in production TLS ends at the proxy (HSTS stays on).
const DEFAULTS = { contentSecurityPolicy: { useDefaults: true, directives: { 'upgrade-insecure-requests': null } } } as const;

export async function registerSecurity(app: FastifyInstance, _config: Config): Promise<void> {
  await app.register(helmet, { global: true, ...DEFAULTS });
}

/**
 * The same default headers, worked out once: the conversation API is the hot path, and helmet
 * would compute them again for every message. Routes use `jsonApiRoute` for this.
 */
const API_HEADERS: Record<string, string> = (() => {
  const headers: Record<string, string> = {};
  const res = {
    setHeader: (name: string, value: string | string[]) => (headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value)),
    removeHeader: (name: string) => delete headers[name.toLowerCase()],
  };
  helmetHeaders(DEFAULTS)({} as never, res as never, () => undefined);
  return headers;
})();

/** Route options for JSON API routes: helmet's default headers, precomputed. */
export const jsonApiRoute = {
  helmet: false as const,
  onRequest: async (_request: FastifyRequest, reply: FastifyReply) => {
    reply.headers(API_HEADERS);
  },
};

/** Scripts and data any site may load: the widget and its texts (no cookies, nothing private). */
export const crossOriginAsset: RouteHelmet = {
  crossOriginResourcePolicy: { policy: 'cross-origin' },
};

/** frame-ancestors for /embed: the listed sites (and this service), or any site when the list is unset. */
export function frameAncestors(config: Pick<Config, 'ALLOWED_ORIGINS'>): string[] {
  return config.ALLOWED_ORIGINS ? ["'self'", ...config.ALLOWED_ORIGINS] : ['*'];
}

/**
 * A page of this service that loads only its own script and talks only to its own origin
 * ('self' covers ws:/wss: of the same host in CSP 3). Styles come from constructed stylesheets
 * inside the widget's shadow root, which style-src does not govern, so no style source is needed.
 */
function pageCsp(extra: Record<string, string[]>): RouteHelmet['contentSecurityPolicy'] {
  return {
    useDefaults: false,
    directives: {
      'default-src': ["'none'"],
      'script-src': ["'self'"],
      'connect-src': ["'self'"],
      'img-src': ["'self'"],
      'base-uri': ["'none'"],
      'form-action': ["'none'"],
      'object-src': ["'none'"],
      ...extra,
    },
  };
}

/** /embed: the chat as a page inside an <iframe> on the allowed sites. */
export function embedPage(config: Pick<Config, 'ALLOWED_ORIGINS'>): RouteHelmet {
  return {
    contentSecurityPolicy: pageCsp({ 'style-src': ["'none'"], 'frame-ancestors': frameAncestors(config) }),
    // frame-ancestors decides who may frame it; X-Frame-Options can only say DENY or SAMEORIGIN.
    xFrameOptions: false,
    crossOriginResourcePolicy: { policy: 'cross-origin' },
  };
}

/** The development demo pages: their own stylesheet and the /embed iframe, nothing else. */
export const demoPage: RouteHelmet = {
  contentSecurityPolicy: pageCsp({ 'style-src': ["'self'"], 'frame-src': ["'self'"], 'frame-ancestors': ["'none'"] }),
};
