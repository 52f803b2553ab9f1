/**
 * Trains the cue weights once at build time and stores them in dist/model-cache, so the service
 * (and a container, whose file system may be read-only) starts without training.
 */
import { DEFAULT_CONTENT_ROOT, formatProblem } from '../content/index.js';
import { loadNluContent } from '../content/load.js';
import { buildMatcherCached, defaultModelCacheDir } from './model-cache.js';

const root = process.env.CONTENT_DIR ?? DEFAULT_CONTENT_ROOT;
const nlu = loadNluContent(root);
if (!nlu.ok) {
  // Content problems are reported by validate:content and at start-up; the build itself goes on.
  for (const p of nlu.problems.slice(0, 5)) console.error(`model not warmed: ${formatProblem(p)}`);
} else {
  const t0 = performance.now();
  buildMatcherCached(nlu.intents, nlu.lexicon, process.env.MODEL_CACHE_DIR ?? defaultModelCacheDir(root));
  console.error(`matcher model ready in ${Math.round(performance.now() - t0)} ms`);
}
