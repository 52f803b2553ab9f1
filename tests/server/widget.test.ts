/**
 * The web channel's files and headers, over inject: /widget.js (cacheable, stable bytes, loadable
 * from any site), /widget/texts.json, /embed (framed only by ALLOWED_ORIGINS, no inline script),
 * the demo pages, and helmet's strict defaults on the JSON API. Plus static checks of the widget
 * source: no HTML sinks, no storage, within the size budget.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildWidget, WIDGET_GZIP_BUDGET } from '../../widget/build.mjs';
import { makeTestApp, testBot, type TestApp } from '../helpers/app.js';
import { TEXT_KEYS } from '../../widget/src/types.js';

const root = join(import.meta.dirname, '..', '..');
let widgetFile: string;
let t: TestApp;

beforeAll(async () => {
  widgetFile = (await buildWidget({ quiet: true })).outfile;
  t = await makeTestApp();
});
afterAll(async () => {
  await t.app.close();
});

const csp = (h: Record<string, unknown>) => String(h['content-security-policy'] ?? '');
const directive = (policy: string, name: string) =>
  policy
    .split(';')
    .map((d) => d.trim())
    .find((d) => d.startsWith(`${name} `) || d === name);

describe('/widget.js', () => {
  test('the built bytes, cacheable, with an ETag, loadable by any site', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/widget.js', headers: { origin: 'https://intranet.example.nl' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=3600');
    expect(res.headers.etag).toMatch(/^"[A-Za-z0-9_-]{20,}"$/);
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.rawPayload.equals(readFileSync(widgetFile))).toBe(true);
  });

  test('stable for Subresource Integrity: the same bytes and ETag every time, 304 on If-None-Match', async () => {
    const a = await t.app.inject({ method: 'GET', url: '/widget.js' });
    const b = await t.app.inject({ method: 'GET', url: '/widget.js' });
    expect(b.rawPayload.equals(a.rawPayload)).toBe(true);
    expect(b.headers.etag).toBe(a.headers.etag);
    const integrity = `sha384-${createHash('sha384').update(a.rawPayload).digest('base64')}`;
    expect(integrity).toMatch(/^sha384-[A-Za-z0-9+/=]{64}$/);
    const again = await t.app.inject({ method: 'GET', url: '/widget.js', headers: { 'if-none-match': String(a.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe('');
  });

  test('a rebuild of the same source gives the same bytes (deterministic build)', async () => {
    const before = readFileSync(widgetFile);
    const r = await buildWidget({ quiet: true });
    expect(r.changed).toBe(false);
    expect(readFileSync(widgetFile).equals(before)).toBe(true);
  });

  test(`within the budget: at most ${WIDGET_GZIP_BUDGET} bytes gzipped`, () => {
    const bytes = readFileSync(widgetFile);
    const gz = gzipSync(bytes, { level: 9 }).length;
    expect(gz).toBeLessThanOrEqual(WIDGET_GZIP_BUDGET);
  });

  test('also from a site outside ALLOWED_ORIGINS: the script itself is public', async () => {
    const strict = await makeTestApp({ ALLOWED_ORIGINS: ['https://intranet.example.nl'] });
    try {
      const res = await strict.app.inject({ method: 'GET', url: '/widget.js', headers: { origin: 'https://elsewhere.example' } });
      expect(res.statusCode).toBe(200);
      expect(res.headers['access-control-allow-origin']).toBe('*');
      const texts = await strict.app.inject({ method: 'GET', url: '/widget/texts.json', headers: { origin: 'https://elsewhere.example' } });
      expect(texts.headers['access-control-allow-origin']).toBe('*');
    } finally {
      await strict.app.close();
    }
  });
});

describe('/widget/texts.json', () => {
  test('the widget texts from content (without the source), cacheable and public', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/widget/texts.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('public, max-age=300');
    expect(res.headers.etag).toBeTruthy();
    expect(res.headers['access-control-allow-origin']).toBe('*');
    expect(res.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const { source: _source, ...expected } = testBot().content.widget;
    expect(res.json()).toEqual(expected);
    expect(res.json()).not.toHaveProperty('source');
  });

  test('every text the widget reads is served', async () => {
    const body = (await t.app.inject({ method: 'GET', url: '/widget/texts.json' })).json() as Record<string, unknown>;
    for (const key of TEXT_KEYS) expect(typeof body[key], key).toBe('string');
  });
});

describe('/embed', () => {
  test('a small page that loads /widget.js in page layout; no inline script or style', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/embed' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = res.body;
    expect(html).toContain('<html lang="nl">');
    expect(html).toMatch(/<script src="\/widget\.js" data-layout="page" data-open defer><\/script>/);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<style|\sstyle=|\son[a-z]+=/i);
  });

  test('without ALLOWED_ORIGINS any site may frame it; only its own script and connections', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/embed' });
    const policy = csp(res.headers);
    expect(directive(policy, 'frame-ancestors')).toBe('frame-ancestors *');
    expect(directive(policy, 'default-src')).toBe("default-src 'none'");
    expect(directive(policy, 'script-src')).toBe("script-src 'self'");
    expect(directive(policy, 'connect-src')).toBe("connect-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).not.toContain('unsafe-eval');
    expect(res.headers['x-frame-options']).toBeUndefined();
  });

  test('with ALLOWED_ORIGINS only those sites (and the service itself) may frame it', async () => {
    const strict = await makeTestApp({ ALLOWED_ORIGINS: ['https://intranet.example.nl', 'https://jeugdzorg.example'] });
    try {
      const res = await strict.app.inject({ method: 'GET', url: '/embed' });
      expect(directive(csp(res.headers), 'frame-ancestors')).toBe("frame-ancestors 'self' https://intranet.example.nl https://jeugdzorg.example");
      expect(res.headers['x-frame-options']).toBeUndefined();
    } finally {
      await strict.app.close();
    }
  });

  test('query options become checked, escaped data-* attributes', async () => {
    const ok = await t.app.inject({ method: 'GET', url: '/embed?color=%23123abc&title=Chat%20Jeugdzorg&exit=https%3A%2F%2Fnos.nl%2F' });
    expect(ok.body).toContain('data-color="#123abc"');
    expect(ok.body).toContain('data-title="Chat Jeugdzorg"');
    expect(ok.body).toContain('data-exit-url="https://nos.nl/"');
    const bad = await t.app.inject({
      method: 'GET',
      url: `/embed?color=${encodeURIComponent('red;x')}&title=${encodeURIComponent('"><script>alert(1)</script>')}&exit=${encodeURIComponent('javascript:alert(1)')}`,
    });
    expect(bad.statusCode).toBe(200);
    expect(bad.body).not.toContain('data-color');
    expect(bad.body).not.toContain('data-exit-url');
    expect(bad.body).not.toContain('<script>alert');
    expect(bad.body).toContain('data-title="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
  });
});

describe('helmet on the service', () => {
  test('the JSON API keeps strict defaults', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/conversations' });
    expect(res.statusCode).toBe(201);
    const h = res.headers;
    expect(directive(csp(h), 'default-src')).toBe("default-src 'self'");
    expect(directive(csp(h), 'frame-ancestors')).toBe("frame-ancestors 'self'");
    expect(directive(csp(h), 'script-src')).toBe("script-src 'self'");
    expect(directive(csp(h), 'object-src')).toBe("object-src 'none'");
    expect(csp(h)).not.toContain('upgrade-insecure-requests');
    expect(h['x-frame-options']).toBe('SAMEORIGIN');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['cross-origin-resource-policy']).toBe('same-origin');
    expect(h['cross-origin-opener-policy']).toBe('same-origin');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(h['x-powered-by']).toBeUndefined();
  });

  test('errors and health checks get the headers too', async () => {
    for (const url of ['/healthz', '/nope']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('SAMEORIGIN');
    }
  });

  test('CORS for the API still follows ALLOWED_ORIGINS', async () => {
    const strict = await makeTestApp({ ALLOWED_ORIGINS: ['https://intranet.example.nl'] });
    try {
      const pre = (origin: string) =>
        strict.app.inject({
          method: 'OPTIONS',
          url: '/api/v1/conversations/abc/messages',
          headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
        });
      expect((await pre('https://intranet.example.nl')).headers['access-control-allow-origin']).toBe('https://intranet.example.nl');
      expect((await pre('https://elsewhere.example')).headers['access-control-allow-origin']).toBeUndefined();
      // A "simple" POST needs no preflight: the API itself refuses the foreign site, and starts nothing.
      const post = (headers: Record<string, string>) => strict.app.inject({ method: 'POST', url: '/api/v1/conversations', headers });
      const sessions = (strict.store as unknown as { size: number }).size;
      const refused = await post({ origin: 'https://elsewhere.example' });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().error.code).toBe('VH_FORBIDDEN_ORIGIN');
      expect((strict.store as unknown as { size: number }).size).toBe(sessions);
      expect((await post({ origin: 'https://intranet.example.nl' })).statusCode).toBe(201);
      expect((await post({})).statusCode).toBe(201);
    } finally {
      await strict.app.close();
    }
  });
});

describe('/demo (development only)', () => {
  test('both demo pages and their stylesheet, under a strict CSP', async () => {
    for (const url of ['/demo', '/demo/iframe', '/demo/demo.css']) {
      const res = await t.app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(200);
      expect(csp(res.headers), url).not.toContain('unsafe-inline');
    }
    const index = (await t.app.inject({ method: 'GET', url: '/demo' })).body;
    expect(index).toContain('src="/widget.js"');
    expect((await t.app.inject({ method: 'GET', url: '/demo/iframe' })).body).toContain('src="/embed"');
  });

  test('not served when NODE_ENV=production', async () => {
    const prod = await makeTestApp({ NODE_ENV: 'production' });
    try {
      expect((await prod.app.inject({ method: 'GET', url: '/demo' })).statusCode).toBe(404);
      expect((await prod.app.inject({ method: 'GET', url: '/widget.js' })).statusCode).toBe(200);
    } finally {
      await prod.app.close();
    }
  });
});

describe('the widget source', () => {
  const files = readdirSync(join(root, 'widget', 'src')).map((f) => join(root, 'widget', 'src', f));
  // Code only: comments may name what the code avoids.
  const code = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const sources = files.map((f) => [f, code(readFileSync(f, 'utf8'))] as const);

  test.for([
    ['innerHTML', /\binnerHTML\b/],
    ['outerHTML', /\bouterHTML\b/],
    ['insertAdjacentHTML', /insertAdjacentHTML/],
    ['document.write', /document\.write/],
    ['eval', /\beval\s*\(|new Function\s*\(/],
    ['cookies', /document\.cookie/],
    ['localStorage', /localStorage/],
    ['sessionStorage', /sessionStorage/],
    ['IndexedDB', /indexedDB/i],
    ["postMessage(…, '*')", /postMessage/],
    ['a style attribute', /setAttribute\(\s*['"]style/],
  ] as const)('never uses %s', ([, pattern]) => {
    for (const [file, text] of sources) expect(text, file).not.toMatch(pattern);
    expect(readFileSync(widgetFile, 'utf8')).not.toMatch(pattern);
  });

  test('holds no Dutch text of its own: every word comes from content', () => {
    const { source: _source, ...texts } = testBot().content.widget;
    const literals = sources.flatMap(([file, text]) => [...text.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`[^`]*`/g)].map((m) => [file, m[0].slice(1, -1)] as const));
    expect(literals.length).toBeGreaterThan(50);
    for (const [key, value] of Object.entries(texts)) {
      for (const [file, literal] of literals) {
        const found = value.includes(' ') ? literal.includes(value) : literal === value;
        expect(found, `${key} ("${value}") written in ${file}`).toBe(false);
      }
    }
  });
});
