/**
 * `npm run -s nlu:parse`: one utterance per line on stdin, one JSON object per line on stdout:
 * {"text", "intent" (an id of shared/intents.md), "score"} plus the finer intent, the outcome,
 * the alternatives and the rules that fired (with --explain). Nothing else on stdout.
 */
import { createInterface } from 'node:readline';
import { DEFAULT_CONTENT_ROOT, formatProblem } from '../content/index.js';
import { loadNluContent } from '../content/load.js';
import { buildMatcherCached, defaultModelCacheDir } from './model-cache.js';

const explain = process.argv.includes('--explain');
const result = loadNluContent(process.env.CONTENT_DIR ?? DEFAULT_CONTENT_ROOT);
if (!result.ok) {
  for (const p of result.problems) process.stderr.write(`${formatProblem(p)}\n`);
  process.exit(1);
}
const root = process.env.CONTENT_DIR ?? DEFAULT_CONTENT_ROOT;
const matcher = buildMatcherCached(result.intents, result.lexicon, defaultModelCacheDir(root));

const out: string[] = [];
const flush = () => {
  if (out.length) process.stdout.write(out.join(''));
  out.length = 0;
};
const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
rl.on('line', (text) => {
  const m = matcher.match(text, { explain });
  const top = m.candidates[0];
  const row =
    m.type === 'matched'
      ? { text, intent: m.topic, score: m.score, fine: m.intent, outcome: m.type, via: m.via }
      : { text, intent: 'out_of_scope', score: m.type === 'unsure' && top ? top.score : round(1 - (top?.score ?? 0)), outcome: m.type, ...(m.type === 'unsure' && top ? { guess: top.topic } : {}) };
  out.push(`${JSON.stringify({ ...row, alternatives: m.candidates, ...(explain ? { rules: m.rules, normalized: m.normalized } : {}) })}\n`);
  if (out.length >= 256) flush();
});
rl.on('close', flush);

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
