/**
 * Builds the matcher with its cue weights cached on disk, keyed by a hash of everything training
 * depends on (the intent files, the lexicon, the options, the code version). Training takes about
 * half a second; reading the cache a few milliseconds. A missing or stale cache just means
 * training again; a cache that cannot be written (a read-only container) is fine too.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lexicon } from '../content/load.js';
import type { IntentFile } from '../content/schema.js';
import { CueWeights } from './cue-weights.js';
import { DEFAULT_MATCHER_OPTIONS, Matcher, type MatcherOptions, type PretrainedModel } from './matcher.js';

/** The default cache of trained cue weights: next to the built server, so a container ships it. */
export const defaultModelCacheDir = (root: string) => join(root, 'dist', 'model-cache');

/** Bump when training or term extraction changes in a way the content hash cannot see. */
const MODEL_VERSION = 'cue-weights-4';

export function modelKey(intents: Map<string, IntentFile>, lexicon: Lexicon, options: MatcherOptions): string {
  const h = createHash('sha256');
  h.update(MODEL_VERSION);
  h.update(JSON.stringify([...intents.values()]));
  h.update(JSON.stringify(lexicon));
  h.update(JSON.stringify({ training: options.training, ruleScale: options.ruleScale }));
  return h.digest('hex').slice(0, 32);
}

export function buildMatcherCached(
  intents: Map<string, IntentFile>,
  lexicon: Lexicon,
  cacheDir: string | undefined,
  overrides: Partial<MatcherOptions> = {},
): Matcher {
  const options = { ...DEFAULT_MATCHER_OPTIONS, ...overrides };
  if (!cacheDir) return Matcher.build(intents, lexicon, options);
  const file = join(cacheDir, `${modelKey(intents, lexicon, options)}.cue`);
  let pretrained: PretrainedModel | undefined;
  try {
    const { weights, meta } = CueWeights.deserialize(readFileSync(file));
    pretrained = { weights, vocabulary: meta as PretrainedModel['vocabulary'] };
    if (!Array.isArray(pretrained.vocabulary?.terms) || !Array.isArray(pretrained.vocabulary.words)) pretrained = undefined;
  } catch {
    pretrained = undefined;
  }
  const matcher = Matcher.build(intents, lexicon, { ...options, pretrained });
  if (!pretrained) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      const model = matcher.model;
      writeFileSync(tmp, model.weights.serialize(model.vocabulary));
      renameSync(tmp, file);
      pruneOld(cacheDir, file);
    } catch {
      // Read-only file system: train on every start instead.
    }
  }
  return matcher;
}

/** Models of older content are of no use; keep the directory small (a recent one may be a parallel run's). */
function pruneOld(dir: string, keep: string): void {
  const hour = Date.now() - 3600_000;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (path !== keep && name.endsWith('.cue') && statSync(path).mtimeMs < hour) unlinkSync(path);
  }
}
