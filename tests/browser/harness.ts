/**
 * Browser test harness: the real app listening on 127.0.0.1 (one origin), host pages served by a
 * tiny second server on localhost (another origin, another site), and Debian's chromium driven by
 * playwright-core. Never downloads a browser: without chromium the tests fail and say how to
 * install it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Frame, type FrameLocator, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { Config } from '../../src/server/config.js';
import { buildWidget } from '../../widget/build.mjs';
import { makeTestApp, type TestApp } from '../helpers/app.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = join(import.meta.dirname, '..', '..', 'test-artifacts');
/** Generous: a slow shared 2-core machine runs the other test files at the same time. */
export const WAIT = 30_000;
export const BROWSER_TEST_TIMEOUT = 90_000;

export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium not found at ${CHROMIUM}. The browser tests use Debian's chromium and never download one: ` +
        'install it with `apt-get update && apt-get install -y chromium` (CI: .ci/run does), or set CHROMIUM_PATH.',
    );
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: 60_000,
  });
}

/** A server for host pages on a second origin: pages are registered per test, each with its own CSP. */
export class HostServer {
  private pages = new Map<string, { html: string; csp?: string }>();
  private server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    const page = this.pages.get(path);
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const headers: Record<string, string> = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' };
    if (page.csp) headers['content-security-policy'] = page.csp;
    res.writeHead(200, headers).end(page.html);
  });
  origin = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, 'localhost', resolve));
    this.origin = `http://localhost:${(this.server.address() as AddressInfo).port}`;
    this.page('/neutral', '<!doctype html><html lang="en"><head><title>Neutral</title></head><body><h1>Neutral page</h1></body></html>');
    this.page('/start', '<!doctype html><html lang="en"><head><title>Before</title></head><body><h1>The page before</h1></body></html>');
    return this;
  }

  page(path: string, html: string, csp?: string): string {
    this.pages.set(path, csp === undefined ? { html } : { html, csp });
    return this.origin + path;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface Stack {
  t: TestApp;
  appOrigin: string;
  wsOrigin: string;
  close(): Promise<void>;
}

/** Builds the widget from source and starts the real app on a random port. */
export async function startApp(overrides: Partial<Config> = {}): Promise<Stack> {
  await buildWidget({ quiet: true });
  const t = await makeTestApp(overrides);
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const port = (t.app.server.address() as AddressInfo).port;
  return {
    t,
    appOrigin: `http://127.0.0.1:${port}`,
    wsOrigin: `ws://127.0.0.1:${port}`,
    close: () => t.app.close(),
  };
}

/** The strictest policy the widget works under: its own script and connections, no style source at all. */
export function strictCsp(s: Stack, opts: { ws?: boolean } = {}): string {
  return [
    "default-src 'none'",
    `script-src ${s.appOrigin}`,
    `connect-src ${s.appOrigin}${opts.ws === false ? '' : ` ${s.wsOrigin}`}`,
    "style-src 'none'",
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function hostPage(s: Stack, attrs: Record<string, string> = {}): string {
  const data = Object.entries(attrs)
    .map(([k, v]) => ` data-${k}="${v}"`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Host page</title>
<script src="${s.appOrigin}/widget.js"${data} defer></script></head>
<body><h1>An intranet page</h1><p>Some text of the host.</p></body></html>`;
}

/** Watches a page: CSP violations (from the event and the console), console errors, page errors, dialogs. */
export interface Watch {
  violations: string[];
  errors: string[];
  dialogs: string[];
}

export async function watch(page: Page): Promise<Watch> {
  const w: Watch = { violations: [], errors: [], dialogs: [] };
  await page.exposeFunction('__vhViolation', (v: string) => w.violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      (window as unknown as { __vhViolation(v: string): void }).__vhViolation(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  page.on('console', (m) => {
    if (m.type() === 'error') w.errors.push(m.text());
  });
  page.on('pageerror', (e) => w.errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    w.dialogs.push(d.message());
    void d.dismiss();
  });
  return w;
}

export async function newPage(browser: Browser, opts: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; page: Page; w: Watch }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, ...opts });
  context.setDefaultTimeout(WAIT);
  const page = await context.newPage();
  const w = await watch(page);
  return { context, page, w };
}

/** Locators inside the widget (Playwright pierces open shadow roots). */
export function widget(scope: Page | Frame | FrameLocator) {
  const root = scope.locator('vertel-het-chat');
  return {
    root,
    launcher: root.locator('.launcher'),
    panel: root.locator('.panel'),
    input: root.locator('input'),
    send: root.locator('.send'),
    exit: root.locator('.exit'),
    close: root.locator('.close'),
    status: root.locator('.status'),
    bot: root.locator('.msg.bot'),
    you: root.locator('.msg.you'),
    choice: (label: string): Locator => root.locator('.choice', { hasText: label }),
    live: scope.locator('[data-vertel-het="live"]'),
  };
}

/** The widget's texts as served to it. */
export async function widgetTexts(s: Stack): Promise<Record<string, string>> {
  const res = await s.t.app.inject({ method: 'GET', url: '/widget/texts.json' });
  return res.json() as Record<string, string>;
}

/** expect.poll with the generous wait (its default is one second). */
export function eventually<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: WAIT, interval: 50 });
}

/** Polls until fn() is true (server-side conditions the browser cannot see). */
export async function until(fn: () => Promise<boolean> | boolean, what: string, timeoutMs = WAIT): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (let delay = 20; ; delay = Math.min(delay * 2, 500)) {
    if (await fn()) return;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, delay));
  }
}

/** Conversation ids the page received, over WebSocket frames or HTTP responses. */
export function conversationIds(page: Page): string[] {
  const ids: string[] = [];
  const take = (text: string) => {
    try {
      const id = (JSON.parse(text) as { conversationId?: unknown }).conversationId;
      if (typeof id === 'string' && !ids.includes(id)) ids.push(id);
    } catch {
      /* not JSON */
    }
  };
  page.on('websocket', (ws) => ws.on('framereceived', (f) => typeof f.payload === 'string' && take(f.payload)));
  page.on('response', (res) => {
    if (res.url().endsWith('/api/v1/conversations') && res.request().method() === 'POST') void res.text().then(take, () => undefined);
  });
  return ids;
}

export function ensureArtifacts(): string {
  mkdirSync(ARTIFACTS, { recursive: true });
  return ARTIFACTS;
}
