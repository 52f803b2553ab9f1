/**
 * The web channel's files: /widget.js (the built widget, served as stable bytes so a site can pin
 * it with Subresource Integrity), /widget/texts.json (its Dutch texts, from content/widget.yml),
 * /embed (the same chat as a page for an <iframe>), and in development the demo pages at /demo.
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DEFAULT_CONTENT_ROOT, type Content } from '../../content/index.js';
import { CodedError } from '../../core/errors.js';
import type { Config } from '../config.js';
import { errorBody } from '../errors.js';
import { crossOriginAsset, demoPage, embedPage } from './security.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** @fastify/cors per route: false leaves the route's CORS headers to the route itself. */
    cors?: false;
  }
}

export interface WidgetDeps {
  config: Config;
  content: Pick<Content, 'widget'>;
  /** The built widget (default dist/widget.js, made by `npm run build`). */
  widgetFile?: string;
  /** Serve /demo (default: unless NODE_ENV is production). */
  demo?: boolean;
}

export const WIDGET_MAX_AGE = 3600;
export const TEXTS_MAX_AGE = 300;
const ROOT = DEFAULT_CONTENT_ROOT;

interface Asset {
  body: Buffer;
  etag: string;
}

const etagOf = (body: Buffer | string) => `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;

/**
 * A file read once and kept as bytes. Outside production it is read again when it changes on disk,
 * so a rebuilt widget shows up without a restart.
 */
function fileAsset(path: string, watch: boolean): () => Asset | undefined {
  let cached: (Asset & { mtimeMs: number }) | undefined;
  return () => {
    if (cached && !watch) return cached;
    try {
      const { mtimeMs } = statSync(path);
      if (cached && cached.mtimeMs === mtimeMs) return cached;
      const body = readFileSync(path);
      cached = { body, etag: etagOf(body), mtimeMs };
    } catch {
      return cached;
    }
    return cached;
  };
}

function sendAsset(request: FastifyRequest, reply: FastifyReply, asset: Asset, type: string, cache: string): FastifyReply {
  reply.header('cache-control', cache).header('etag', asset.etag);
  if (request.headers['if-none-match']?.split(/\s*,\s*/).includes(asset.etag)) return reply.status(304).send();
  return reply.type(type).send(asset.body);
}

/** Public and cross-origin: any page may load the script and its texts (they hold nothing private). */
function anyOrigin(reply: FastifyReply): void {
  reply.header('access-control-allow-origin', '*');
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** /embed?color=%23123456&title=…&exit=https://… become the widget's data-* attributes (it checks them again). */
function embedHtml(title: string, query: Record<string, unknown>): string {
  const attrs: string[] = ['data-layout="page"', 'data-open'];
  const str = (v: unknown) => (typeof v === 'string' ? v.slice(0, 300) : undefined);
  const color = str(query.color);
  if (color && /^#[0-9a-f]{3}([0-9a-f]{3})?$/i.test(color)) attrs.push(`data-color="${color}"`);
  const t = str(query.title)?.trim();
  if (t) attrs.push(`data-title="${escapeHtml(t.slice(0, 40))}"`);
  const exit = str(query.exit);
  if (exit && /^https:\/\//i.test(exit)) attrs.push(`data-exit-url="${escapeHtml(exit)}"`);
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<script src="/widget.js" ${attrs.join(' ')} defer></script>
</head>
<body></body>
</html>
`;
}

export async function registerWidget(app: FastifyInstance, deps: WidgetDeps): Promise<void> {
  const { config, content } = deps;
  const production = config.NODE_ENV === 'production';
  const widget = fileAsset(deps.widgetFile ?? join(ROOT, 'dist', 'widget.js'), !production);
  if (!widget()) app.log.warn('dist/widget.js is missing: run `npm run build`; /widget.js answers 503 until then');

  app.get('/widget.js', { helmet: crossOriginAsset, config: { cors: false } }, async (request, reply) => {
    anyOrigin(reply);
    const asset = widget();
    if (!asset) return reply.status(503).send(errorBody(new CodedError('VH_UNAVAILABLE', 'the widget is not built; run npm run build')));
    return sendAsset(request, reply, asset, 'text/javascript; charset=utf-8', `public, max-age=${WIDGET_MAX_AGE}`);
  });

  const { source: _source, ...texts } = content.widget;
  const textsBody = Buffer.from(JSON.stringify(texts));
  const textsAsset: Asset = { body: textsBody, etag: etagOf(textsBody) };
  app.get('/widget/texts.json', { helmet: crossOriginAsset, config: { cors: false } }, async (request, reply) => {
    anyOrigin(reply);
    return sendAsset(request, reply, textsAsset, 'application/json; charset=utf-8', `public, max-age=${TEXTS_MAX_AGE}`);
  });

  app.get<{ Querystring: Record<string, unknown> }>('/embed', { helmet: embedPage(config) }, async (request, reply) =>
    reply.header('cache-control', 'no-cache').type('text/html; charset=utf-8').send(embedHtml(content.widget.title, request.query ?? {})),
  );

  if (deps.demo ?? !production) {
    const demoDir = join(ROOT, 'widget', 'demo');
    const pages: Record<string, [string, string]> = {
      '/demo': ['index.html', 'text/html; charset=utf-8'],
      '/demo/iframe': ['iframe.html', 'text/html; charset=utf-8'],
      '/demo/demo.css': ['demo.css', 'text/css; charset=utf-8'],
    };
    for (const [url, [file, type]] of Object.entries(pages)) {
      const asset = fileAsset(join(demoDir, file), true);
      app.get(url, { helmet: demoPage }, async (request, reply) => {
        const a = asset();
        if (!a) return reply.status(404).send(errorBody(new CodedError('VH_NOT_FOUND', 'no such demo file')));
        return sendAsset(request, reply, a, type, 'no-cache');
      });
    }
  }
}
