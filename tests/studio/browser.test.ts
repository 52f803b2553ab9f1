/**
 * The studio page in a real browser (Debian's chromium via playwright-core; never a downloaded
 * one): the real app on a random port, log in with the token, try a sentence, walk a sandbox
 * conversation and see the current step highlighted in the diagram, jump, save as transcript, open
 * the tests-and-quality and misses sections. Waits for conditions only (a slow shared machine).
 * Writes test-artifacts/studio.png; with UPDATE_SCREENSHOTS=1 also docs/studio.png for the README.
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildStudio } from '../../studio/build.mjs';
import { makeTestApp, type TestApp } from '../helpers/app.js';

const CHROMIUM = '/usr/bin/chromium';
const TOKEN = 'browser-test-token-0123456789';
const WAIT = 60_000;
const ROOT = join(import.meta.dirname, '..', '..');

let t: TestApp;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}. The studio browser test uses Debian's chromium and never downloads one: install it with \`apt-get update && apt-get install -y chromium\` (.ci/run does).`);
  }
  await buildStudio({ quiet: true });
  t = await makeTestApp({ STUDIO_TOKEN: TOKEN });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    timeout: WAIT,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await t?.app.close();
});

/** Waits for a chat reply labelled "flow · step…" (locators only: the page's CSP forbids eval). */
const reply = (page: Page, label: string) => page.locator('#chat-log .msg.bot .meta', { hasText: label }).first().waitFor();
/** Waits until the diagram highlights this step. */
const current = (page: Page, step: string) => page.locator(`#diagram g.node.current[data-step="${step}"]`).waitFor();

describe('the studio page', () => {
  test('log in, try a sentence, walk a sandbox conversation, see tests and misses', { timeout: 240_000 }, async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    page.setDefaultTimeout(WAIT);

    const res = await page.goto(`${origin}/studio`);
    expect(res?.status()).toBe(200);
    expect(res?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.locator('#token').waitFor();

    // A wrong code: a plain Dutch message, still logged out.
    await page.fill('#token', 'this-is-not-the-token-123');
    await page.keyboard.press('Enter');
    await page.locator('#login-status', { hasText: 'klopt niet' }).waitFor();
    expect(await page.locator('#studio').isHidden()).toBe(true);

    // The right code (typed, then Enter: the keyboard is enough).
    await page.fill('#token', TOKEN);
    await page.keyboard.press('Enter');
    await page.locator('#studio').waitFor({ state: 'visible' });
    // The token lives in a JS variable only: no storage, no cookie, not in the field any more.
    const stored = await page.evaluate(`JSON.stringify([localStorage.length, sessionStorage.length, document.cookie, document.querySelector('#token').value])`);
    expect(stored).toBe('[0,0,"",""]');

    // 1. Probeer een zin
    await page.fill('#try-text', 'hij dreigt mijn naaktfoto te delen als ik niet betaal');
    await page.keyboard.press('Enter');
    await page.locator('#try-intent', { hasText: /^sextortion$/ }).waitFor();
    expect(await page.locator('#try-candidates tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('#try-rules li').count()).toBeGreaterThan(0);
    expect(await page.locator('#try-normalized').textContent()).toContain('naaktfoto');
    expect(await page.locator('#try-outcome').textContent()).toContain('Begrepen');

    // 2. Oefengesprek: the welcome came on login.
    await page.locator('#chat-log .msg.bot').first().waitFor();
    await page.fill('#chat-text', 'hij dreigt mijn naaktfoto te delen als ik niet betaal');
    await page.keyboard.press('Enter');
    await reply(page, 'sextortion · start · sextortion');
    await page.locator('#diagram svg[data-flow="sextortion"] g.node.current[data-step="start"]').waitFor();

    // A button, pressed with the keyboard.
    const button = page.locator('#chat-log button[data-choice="stappen"]:not([disabled])');
    await button.focus();
    await page.keyboard.press('Enter');
    await reply(page, 'sextortion · stoppen');
    await current(page, 'stoppen');
    expect(await page.locator('#diagram g.node.current').count()).toBe(1);
    expect(await page.locator('#diagram g.node.current').getAttribute('aria-current')).toBe('step');
    // Older buttons can no longer be pressed.
    expect(await page.locator('#chat-log button[data-choice="stappen"]').isDisabled()).toBe(true);
    expect(await page.locator('#flow-name').textContent()).toContain('sextortion');

    await page.locator('#sandbox').scrollIntoViewIfNeeded();
    await page.evaluate(`document.querySelector('#sandbox').scrollIntoView({ block: 'start' })`);
    mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
    const shot = join(ROOT, 'test-artifacts', 'studio.png');
    await page.screenshot({ path: shot });
    if (process.env.UPDATE_SCREENSHOTS === '1') {
      mkdirSync(join(ROOT, 'docs'), { recursive: true });
      copyFileSync(shot, join(ROOT, 'docs', 'studio.png'));
    }

    // "Bewaar als testgesprek": YAML for tests/conversations.
    await page.click('#save-transcript');
    await page.locator('#transcript-box').waitFor({ state: 'visible' });
    const yaml = await page.locator('#transcript-yaml').inputValue();
    expect(yaml).toContain('user: hij dreigt mijn naaktfoto te delen als ik niet betaal');
    expect(yaml).toContain('choose: stappen');
    expect(yaml).toContain('step: sextortion.stoppen');
    expect(await page.locator('#transcript-file').textContent()).toMatch(/^tests\/conversations\/.+\.yml$/);

    // Jump to a step.
    await page.selectOption('#jump-flow', 'sextortion');
    await page.selectOption('#jump-step', 'bewijs_opslaan');
    await page.click('#jump-form button[type="submit"]');
    await current(page, 'bewijs_opslaan');
    await reply(page, 'sextortion · bewijs_opslaan');

    // Restart: back to the welcome.
    await page.click('#restart');
    await page.locator('#chat-log .msg.note', { hasText: 'Nieuw oefengesprek' }).waitFor();
    await page.locator('#chat-log .msg.bot').first().waitFor();
    expect(await page.locator('#chat-log .msg.bot .meta', { hasText: 'sextortion' }).count()).toBe(0);

    // 3. Tests en kwaliteit (reached through the navigation).
    await page.click('nav a[href="#quality"]');
    await page.click('#load-report');
    await page.locator('#report').waitFor({ state: 'visible', timeout: 120_000 });
    await page.locator('#transcripts-table tbody tr').nth(59).waitFor();
    expect(await page.locator('#transcripts-summary').textContent()).toMatch(/\d+ van de \d+ testgesprekken kloppen/);
    expect(await page.locator('#nlu-table tbody tr').count()).toBeGreaterThan(10);
    expect(await page.locator('#nlu-table tbody tr[data-intent="sextortion"] td').count()).toBe(6);
    // NLP.js is a dev dependency, so its column shows here.
    expect((await page.locator('#nlu-table').getAttribute('class')) ?? '').not.toContain('no-baseline');
    expect(await page.locator('#baseline-note').textContent()).toContain('NLP.js');

    // 4. Wat de bot niet begreep: counts only by default.
    await page.click('#load-misses');
    await page.locator('#misses-result').waitFor({ state: 'visible' });
    expect(await page.locator('#misses-off').isVisible()).toBe(true);
    expect(await page.locator('#misses-on').isHidden()).toBe(true);

    // The one refused call is the wrong code at the start.
    expect(problems.filter((p) => !p.includes('status of 401'))).toEqual([]);
    await context.close();
  });
});
