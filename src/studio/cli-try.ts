/**
 * `npm run studio:try -- "tekst"`: what the studio's "Probeer een zin" shows, in the terminal —
 * the same JSON as POST /api/v1/studio/parse (intent, score, candidates, rules, normalised text).
 * Several arguments are joined with spaces; without one, one sentence per line is read from stdin.
 */
import { createInterface } from 'node:readline';
import { DEFAULT_CONTENT_ROOT, formatProblem } from '../content/index.js';
import { loadNluContent } from '../content/load.js';
import { Matcher } from '../nlu/matcher.js';
import { explainParse } from './parse.js';

const nlu = loadNluContent(process.env.CONTENT_DIR ?? DEFAULT_CONTENT_ROOT);
if (!nlu.ok) {
  for (const p of nlu.problems) console.error(formatProblem(p));
  process.exit(1);
}
const matcher = Matcher.build(nlu.intents, nlu.lexicon);
const print = (text: string) => console.log(JSON.stringify({ text, ...explainParse(matcher, text) }, null, 2));

const text = process.argv.slice(2).join(' ').trim();
if (text) print(text);
else if (process.stdin.isTTY) {
  console.error('usage: npm run studio:try -- "hij dreigt mijn foto te delen"');
  process.exitCode = 2;
} else {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (line.trim()) print(line.trim());
  });
}
