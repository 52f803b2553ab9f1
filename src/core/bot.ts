/**
 * Builds the bot from content: load and validate the files, build the matcher, and the
 * conversation core on top. Used by the server, the command line and the tests alike.
 */
import { DEFAULT_CONTENT_ROOT, formatProblem, loadContent, type Content, type ContentProblem } from '../content/index.js';
import { loadContentFiles } from '../content/load.js';
import type { Matcher, MatcherOptions } from '../nlu/matcher.js';
import { buildMatcherCached, defaultModelCacheDir } from '../nlu/model-cache.js';
import { Conversation } from './conversation.js';

export class ContentInvalidError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(`content is invalid:\n${problems.map(formatProblem).join('\n')}`);
    this.name = 'ContentInvalidError';
  }
}

export interface Bot {
  content: Content;
  matcher: Matcher;
  conversation: Conversation;
}

export interface BotOptions {
  contentRoot?: string;
  clock?: () => Date;
  retentionSeconds?: number;
  matcher?: Partial<MatcherOptions>;
  /** Whether the deployment keeps scrubbed misunderstood messages (STUDIO_COLLECT_MISSES), so the bot can say so. */
  collectMisses?: boolean;
  /** Skip cross-reference checks (only for authors trying half-written content). */
  unchecked?: boolean;
  /** Where trained cue weights are cached (default dist/model-cache under the content root; false: never). */
  modelCacheDir?: string | false;
}

export { defaultModelCacheDir };

export function createBot(options: BotOptions = {}): Bot {
  const root = options.contentRoot ?? DEFAULT_CONTENT_ROOT;
  const result = options.unchecked ? loadContentFiles(root) : loadContent(root);
  if (!result.ok) throw new ContentInvalidError(result.problems);
  const content = result.content;
  const cacheDir = options.modelCacheDir === false ? undefined : (options.modelCacheDir ?? defaultModelCacheDir(root));
  const matcher = buildMatcherCached(content.intents, content.lexicon, cacheDir, options.matcher);
  const conversation = new Conversation(content, matcher, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.retentionSeconds ? { retentionSeconds: options.retentionSeconds } : {}),
    ...(options.collectMisses ? { collectMisses: true } : {}),
  });
  return { content, matcher, conversation };
}
