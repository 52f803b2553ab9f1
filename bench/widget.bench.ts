/**
 * Widget: gzipped size of dist/widget.js (the target is absolute: ≤ 20 KB), and the first reply in
 * the browser after opening (Debian chromium via playwright-core), against a WebSocket round trip
 * to the raw echo server from the same browser in the same run.
 */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { baselineServer, ourServer } from './http.bench.js';
import { median, type Row } from './lib.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const RUNS = 7;

export async function benchWidget(): Promise<Row[]> {
  if (!existsSync('dist/widget.js')) return [{ bench: 'widget', measure: 'dist/widget.js missing (build failed?)', ours: 0, unit: '', pass: false }];
  const raw = readFileSync('dist/widget.js');
  const gz = gzipSync(raw, { level: 9 }).length / 1024;
  const rows: Row[] = [
    { bench: 'widget', measure: 'widget.js raw', ours: raw.length / 1024, unit: 'KB' },
    { bench: 'widget', measure: 'widget.js gzipped', ours: gz, unit: 'KB', target: '≤20 KB', pass: gz <= 20 },
  ];
  if (!existsSync(CHROMIUM)) return [...rows, { bench: 'widget', measure: `first reply: ${CHROMIUM} missing (apt-get install chromium)`, ours: 0, unit: '', pass: false }];

  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const ours = await ourServer({ NODE_ENV: 'development' });
  const echo = await baselineServer();
  try {
    const page = await browser.newPage();
    const first: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.goto(`${ours.base}/demo`);
      await page.locator('vertel-het-chat .launcher').waitFor();
      // Page code as a string: the bench is type-checked without the DOM library.
      first.push(
        (await page.evaluate(`new Promise((resolve) => {
          const root = document.querySelector('vertel-het-chat').shadowRoot;
          const t0 = performance.now();
          const mo = new MutationObserver(() => {
            if (!root.querySelector('.msg.bot')) return;
            mo.disconnect();
            requestAnimationFrame(() => resolve(performance.now() - t0));
          });
          mo.observe(root, { subtree: true, childList: true });
          root.querySelector('.launcher').click();
        })`)) as number,
      );
    }
    // The demo page's CSP allows only its own origin: measure the echo from a page of the echo server.
    await page.goto(`${echo.base}/blank`);
    const echoTimes: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      echoTimes.push(
        (await page.evaluate(`new Promise((resolve) => {
          const t0 = performance.now();
          const ws = new WebSocket('ws://127.0.0.1:${echo.port}/ws');
          ws.onopen = () => ws.send('{"type":"start"}');
          ws.onmessage = () => { ws.close(); resolve(performance.now() - t0); };
        })`)) as number,
      );
    }
    const ms = median(first);
    const base = median(echoTimes);
    rows.push({ bench: 'widget', measure: 'first reply after opening (browser)', ours: ms, baseline: base, baselineName: 'WS connect + echo', unit: 'ms', ratio: ms / base });
  } finally {
    await browser.close();
    await ours.stop();
    await echo.stop();
  }
  return rows;
}
