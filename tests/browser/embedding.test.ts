/**
 * How the chat reaches a site: /embed inside an iframe on another origin, a dropped WebSocket
 * that resumes, a blocked WebSocket that falls back to HTTP, and ALLOWED_ORIGINS: an allowed site
 * works, a refused one gets no WebSocket, no API and no frame (the widget says it is offline).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  BROWSER_TEST_TIMEOUT,
  conversationIds,
  eventually,
  HostServer,
  hostPage,
  launchBrowser,
  newPage,
  startApp,
  strictCsp,
  until,
  widget,
  widgetTexts,
  type Stack,
} from './harness.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

const NEUTRAL = 'https://www.google.nl/';
/** The default neutral site, answered locally (the tests never reach the internet). */
async function fakeNeutralSite(page: Page): Promise<void> {
  await page.route(`${NEUTRAL}**`, (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>Google</title><p>neutral</p>' }));
}

function framingPage(s: Stack, host: HostServer, path: string): string {
  const csp = `default-src 'none'; frame-src ${s.appOrigin}; style-src 'none'; script-src 'none'`;
  return host.page(
    path,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framing page</title></head>
<body><h1>Intranet without third-party scripts</h1><iframe src="${s.appOrigin}/embed" title="Chat" width="400" height="600"></iframe></body></html>`,
    csp,
  );
}

describe('any site may embed (ALLOWED_ORIGINS unset)', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let s: Stack;
  let host: HostServer;
  beforeAll(async () => {
    s = await startApp();
    host = await new HostServer().start();
  }, 120_000);
  afterAll(async () => {
    await host?.close();
    await s?.close();
  });

  test('/embed inside an iframe on another origin: the chat fills the frame, answers, and Snel weg leaves the whole page', async () => {
    const { context, page, w: watched } = await newPage(browser);
    try {
      await fakeNeutralSite(page);
      const ids = conversationIds(page);
      await page.goto(`${host.origin}/start`);
      await page.goto(framingPage(s, host, '/framed'));
      const frame = page.frameLocator('iframe');
      const w = widget(frame);
      await w.root.locator('.choice').first().waitFor();
      // Page layout: no launcher and no close button; the panel is the whole frame.
      expect(await w.launcher.count()).toBe(0);
      expect(await w.close.count()).toBe(0);
      const [panel, iframe] = [(await w.panel.boundingBox())!, (await page.locator('iframe').boundingBox())!];
      expect(Math.abs(panel.width - iframe.width)).toBeLessThan(8);
      expect(Math.abs(panel.height - iframe.height)).toBeLessThan(8);

      const bots = await w.bot.count();
      await w.input.fill('hoi');
      await w.input.press('Enter');
      await eventually(() => w.bot.count()).toBeGreaterThan(bots);
      await until(() => ids.length > 0, 'a conversation id');
      expect(watched.violations).toEqual([]);
      expect(watched.errors).toEqual([]);

      await w.exit.click();
      await page.waitForURL(NEUTRAL);
      await until(async () => (await s.t.store.get(ids[0]!)) === undefined, 'the server to forget the conversation');
      await page.goBack();
      expect(page.url()).toBe(`${host.origin}/start`);
    } finally {
      await context.close();
    }
  });

  test('a dropped WebSocket (service restart, 1012): the widget reconnects, resumes the same conversation and goes on', async () => {
    const { context, page } = await newPage(browser);
    try {
      const sent: string[] = [];
      page.on('websocket', (ws) => ws.on('framesent', (f) => typeof f.payload === 'string' && sent.push(f.payload)));
      const ids = conversationIds(page);
      await page.goto(host.page('/page', hostPage(s), strictCsp(s)));
      const w = widget(page);
      await w.launcher.click();
      await w.root.locator('.choice').first().waitFor();
      await until(() => ids.length > 0, 'a conversation id');

      for (const socket of s.t.sockets) socket.close(1012, 'server restart, reconnect');
      await until(() => sent.some((f) => f.includes('"resume"')), 'a resume frame');
      expect(JSON.parse(sent.find((f) => f.includes('"resume"'))!)).toEqual({ type: 'resume', conversationId: ids[0] });

      // The welcome's quick reply still works: the conversation (and its step) survived.
      const bots = await w.bot.count();
      await w.root.locator('.choice').first().click();
      await eventually(() => w.bot.count()).toBeGreaterThan(bots);
      expect(await w.root.locator('.msg.sys').count()).toBe(0);
      expect(ids).toHaveLength(1);
      await eventually(() => w.status.isHidden()).toBe(true);

      // Dropped again, and meanwhile the server forgot it (expired): it starts again, kindly, by itself.
      await s.t.store.delete(ids[0]!);
      for (const socket of s.t.sockets) socket.close(1012, 'server restart, reconnect');
      await until(() => ids.length === 2, 'a new conversation after the old one expired');
      expect(sent.filter((f) => f.includes('"expired":true'))).toHaveLength(1);
    } finally {
      await context.close();
    }
  });

  test('WebSocket blocked (here by the page CSP): the widget falls back to the HTTP API, and Snel weg forgets over DELETE', async () => {
    const { context, page } = await newPage(browser);
    try {
      const frames: string[] = [];
      page.on('websocket', (ws) => ws.on('framereceived', (f) => frames.push(String(f.payload))));
      const ids = conversationIds(page);
      const url = host.page('/no-ws', hostPage(s, { 'exit-url': `${host.origin}/neutral` }), strictCsp(s, { ws: false }));
      await page.goto(url);
      const w = widget(page);
      await w.launcher.click();
      await w.root.locator('.choice').first().waitFor();
      await until(() => ids.length > 0, 'a conversation id over HTTP');

      const bots = await w.bot.count();
      await w.root.locator('.choice').first().click();
      await eventually(() => w.bot.count()).toBeGreaterThan(bots);
      const more = await w.bot.count();
      await w.input.fill('ik wil praten');
      await w.input.press('Enter');
      await eventually(() => w.bot.count()).toBeGreaterThan(more);
      expect(frames).toEqual([]);
      expect(await w.status.isHidden()).toBe(true);
      expect(await s.t.store.get(ids[0]!)).toBeDefined();

      await w.exit.click();
      await page.waitForURL(`${host.origin}/neutral`);
      await until(async () => (await s.t.store.get(ids[0]!)) === undefined, 'the DELETE (keepalive) to forget the conversation');
    } finally {
      await context.close();
    }
  });
});

describe('ALLOWED_ORIGINS set: only those sites may use the chat', { timeout: BROWSER_TEST_TIMEOUT }, () => {
  let s: Stack;
  let allowed: HostServer;
  let refused: HostServer;
  let texts: Record<string, string>;
  beforeAll(async () => {
    allowed = await new HostServer().start();
    refused = await new HostServer().start();
    s = await startApp({ ALLOWED_ORIGINS: [allowed.origin] });
    texts = await widgetTexts(s);
  }, 120_000);
  afterAll(async () => {
    await allowed?.close();
    await refused?.close();
    await s?.close();
  });

  test('an allowed site: the widget talks over WebSocket and /embed may be framed', async () => {
    const { context, page, w: watched } = await newPage(browser);
    try {
      const ids = conversationIds(page);
      await page.goto(allowed.page('/page', hostPage(s), strictCsp(s)));
      const w = widget(page);
      await w.launcher.click();
      await w.root.locator('.choice').first().waitFor();
      await until(() => ids.length > 0, 'a conversation id');

      await page.goto(framingPage(s, allowed, '/framed'));
      await widget(page.frameLocator('iframe')).root.locator('.choice').first().waitFor();
      expect(watched.violations).toEqual([]);
      expect(watched.errors).toEqual([]);
    } finally {
      await context.close();
    }
  });

  test('a refused site: the WebSocket upgrade fails, CORS refuses the API, the widget shows the offline text; framing is refused', async () => {
    const { context, page, w: watched } = await newPage(browser);
    try {
      const wsEvents: string[] = [];
      page.on('websocket', (ws) => {
        ws.on('socketerror', (e) => wsEvents.push(`error ${e}`));
        ws.on('framereceived', () => wsEvents.push('frame'));
      });
      const sessions = (s.t.store as unknown as { size: number }).size;
      await page.goto(refused.page('/page', hostPage(s), strictCsp(s)));
      const w = widget(page);
      // The script and its texts are public, so the button is there…
      await w.launcher.click();
      // …but the chat cannot start: it says so, with the emergency numbers.
      await w.status.filter({ hasText: texts.offline! }).waitFor();
      expect(await w.status.textContent()).toBe(texts.offline);
      await eventually(() => w.live.textContent()).toContain(texts.offline);
      expect(wsEvents.filter((e) => e === 'frame')).toEqual([]);
      await until(() => wsEvents.some((e) => e.startsWith('error')) || watched.errors.some((e) => /WebSocket/.test(e)), 'the WebSocket to fail');
      await until(() => watched.errors.some((e) => /CORS/.test(e)), 'CORS to refuse the API');
      expect((s.t.store as unknown as { size: number }).size).toBe(sessions);

      const errorsBefore = watched.errors.length;
      await page.goto(framingPage(s, refused, '/framed'));
      await until(() => watched.errors.slice(errorsBefore).some((e) => /frame-ancestors/.test(e)) || page.frames().some((f) => f.url().startsWith('chrome-error:')), 'the frame to be refused');
      expect(await page.frameLocator('iframe').locator('vertel-het-chat').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
