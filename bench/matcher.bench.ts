/**
 * Matcher speed: utterances per second over the held-back mix, against NLP.js's process() on the
 * same utterances in the same run; and start-up (load content + build) time.
 */
import { join } from 'node:path';
import { DEFAULT_CONTENT_ROOT } from '../src/content/index.js';
import { loadNluContent } from '../src/content/load.js';
import { trainNlpJsBaseline } from '../src/nlu/baseline.js';

import { Matcher } from '../src/nlu/matcher.js';
import { buildMatcherCached, defaultModelCacheDir } from '../src/nlu/model-cache.js';
import { loadEvalRows } from '../src/nlu/report.js';
import { median, type Row } from './lib.js';

export async function benchMatcher(): Promise<Row[]> {
  const root = DEFAULT_CONTENT_ROOT;
  const rows = loadEvalRows(join(root, 'tests/nlu/held-back.tsv'), join(root, 'tests/nlu/out-of-domain.txt'));
  const texts = rows.map((r) => r.text);

  // Start-up as the service does it: the content snapshot and the cached model (made by npm run build).
  const startups: number[] = [];
  let matcher: Matcher | undefined;
  for (let i = 0; i < 7; i++) {
    const t0 = performance.now();
    const nlu = loadNluContent(root);
    if (!nlu.ok) throw new Error('content invalid');
    matcher = buildMatcherCached(nlu.intents, nlu.lexicon, defaultModelCacheDir(root));
    startups.push(performance.now() - t0);
  }
  const m = matcher!;
  // For reference: the same without any cache (parse all YAML, analyse all examples, train).
  const cold0 = performance.now();
  const coldNlu = loadNluContent(root, { snapshot: false });
  if (!coldNlu.ok) throw new Error('content invalid');
  Matcher.build(coldNlu.intents, coldNlu.lexicon);
  const coldMs = performance.now() - cold0;

  // Ours: repeat the mix for ~2 s, three times; take the median rate.
  const ourRates: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 2000) {
      for (const t of texts) m.match(t);
      n += texts.length;
    }
    ourRates.push(n / ((performance.now() - t0) / 1000));
  }

  const nlu = loadNluContent(root);
  if (!nlu.ok) throw new Error('content invalid');
  const baseline = await trainNlpJsBaseline(nlu.intents.values());
  const baseRates: number[] = [];
  for (let rep = 0; rep < 3; rep++) {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < 2000) {
      for (const t of texts) await baseline.process(t);
      n += texts.length;
    }
    baseRates.push(n / ((performance.now() - t0) / 1000));
  }
  const ours = median(ourRates);
  const base = median(baseRates);
  const start = median(startups);
  return [
    { bench: 'matcher', measure: 'utterances/s (held-back mix)', ours, baseline: base, baselineName: 'NLP.js process()', unit: '/s', ratio: ours / base, target: '≥3× and ≥50,000/s', pass: ours / base >= 3 && ours >= 50_000 },
    { bench: 'matcher', measure: 'start-up: load + build (as the service starts)', ours: start, unit: 'ms', target: '<200 ms', pass: start < 200 },
    { bench: 'matcher', measure: 'start-up without caches (for reference)', ours: coldMs, unit: 'ms' },
    { bench: 'matcher', measure: 'NLP.js training (for reference)', ours: baseline.trainMs, unit: 'ms' },
  ];
}
