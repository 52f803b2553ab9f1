/**
 * `npm run bench`: every benchmark against its baseline in the same run; prints a table and
 * writes bench/results/latest.json. Machines here are shared and noisy: read the ratios.
 * Pick some with arguments: npm run bench -- matcher http
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { benchFootprint } from './footprint.bench.js';
import { benchHttp } from './http.bench.js';
import { printTable, type Row } from './lib.js';
import { benchMatcher } from './matcher.bench.js';
import { benchWebSocket } from './ws.bench.js';
import { benchWidget } from './widget.bench.js';

const all: Record<string, () => Promise<Row[]>> = {
  matcher: benchMatcher,
  http: benchHttp,
  websocket: benchWebSocket,
  footprint: benchFootprint,
  widget: benchWidget,
};
const picked = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = picked.length ? picked : Object.keys(all);

execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
const rows: Row[] = [];
for (const name of names) {
  const bench = all[name];
  if (!bench) throw new Error(`unknown bench '${name}': ${Object.keys(all).join(', ')}`);
  console.error(`running ${name}…`);
  rows.push(...(await bench()));
}
printTable(rows);
mkdirSync('bench/results', { recursive: true });
writeFileSync(
  'bench/results/latest.json',
  JSON.stringify({ at: new Date().toISOString(), node: process.version, cpus: os.cpus().length, cpu: os.cpus()[0]?.model, rows }, null, 2),
);
const missed = rows.filter((r) => r.pass === false);
if (missed.length) console.log(`\nmissed targets: ${missed.map((r) => `${r.bench} ${r.measure}`).join('; ')}`);
