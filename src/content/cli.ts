/**
 * `npm run validate:content`: checks flows/, intents/ and content/ and names every problem as
 * "file: field: problem". Exit code 1 when there is any.
 */
import { formatProblem, loadContent } from './index.js';

const root = process.argv[2] ?? process.env.CONTENT_DIR;
const result = loadContent(root);
if (result.ok) {
  const c = result.content;
  const steps = [...c.flows.values()].reduce((n, f) => n + Object.keys(f.steps).length, 0);
  const examples = [...c.intents.values()].reduce((n, i) => n + i.examples.length, 0);
  console.log(`content ok: ${c.flows.size} flows, ${steps} steps, ${c.intents.size} intents, ${examples} examples, ${c.referrals.size} referrals`);
} else {
  for (const p of result.problems) console.error(formatProblem(p));
  console.error(`\n${result.problems.length} problem${result.problems.length === 1 ? '' : 's'} found`);
  process.exitCode = 1;
}
