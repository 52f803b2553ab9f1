/**
 * `npm run nlu:report`: our matcher and the NLP.js baseline (trained in the same run on exactly the
 * same examples) on the held-back and out-of-domain lists. `--json` writes the figures as JSON;
 * `--list dev` reports on the development list.
 */
import { join } from 'node:path';
import { DEFAULT_CONTENT_ROOT, formatProblem } from '../content/index.js';
import { loadNluContent } from '../content/load.js';
import { trainNlpJsBaseline } from './baseline.js';
import { buildMatcherCached, defaultModelCacheDir } from './model-cache.js';
import { evaluate, formatReport, loadEvalRows, matcherPredictor, type Prediction } from './report.js';

const root = process.env.CONTENT_DIR ?? DEFAULT_CONTENT_ROOT;
const nlu = loadNluContent(root);
if (!nlu.ok) {
  for (const p of nlu.problems) console.error(formatProblem(p));
  process.exit(1);
}
// The held-back list is the measuring stick; `--list dev` reads the development list instead
// (written apart from both, used to find what the matcher misunderstands: see tests/nlu/README.md).
const dev = process.argv.includes('--list') && process.argv[process.argv.indexOf('--list') + 1] === 'dev';
const rows = dev
  ? loadEvalRows(join(root, 'tests/nlu/dev.tsv'), join(root, 'tests/nlu/dev-out-of-domain.txt'))
  : loadEvalRows(join(root, 'tests/nlu/held-back.tsv'), join(root, 'tests/nlu/out-of-domain.txt'));
const t0 = performance.now();
const matcher = buildMatcherCached(nlu.intents, nlu.lexicon, defaultModelCacheDir(root));
const buildMs = performance.now() - t0;
const ours = evaluate('Vertel het', rows, matcherPredictor(matcher));

const systems = [ours];
let baselineNote = '';
if (!process.argv.includes('--no-baseline')) {
  const baseline = await trainNlpJsBaseline(nlu.intents.values());
  const answers = new Map<string, Prediction>();
  for (const row of rows) answers.set(row.text, await baseline.predict(row.text));
  systems.push(evaluate('NLP.js', rows, (text) => answers.get(text)!));
  baselineNote = `, NLP.js trained in ${Math.round(baseline.trainMs)} ms`;
}
if (process.argv.includes('--json')) console.log(JSON.stringify({ systems }, null, 2));
else {
  console.log(`${dev ? 'development list' : 'held-back list'}; matcher built in ${Math.round(buildMs)} ms${baselineNote}\n`);
  console.log(formatReport(systems));
}
