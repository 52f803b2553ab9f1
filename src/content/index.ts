/** Loading content for the app and the command line: schema checks, then cross-reference checks. */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContentFiles, type Content } from './load.js';
import type { ContentProblem } from './problems.js';
import { validateContent } from './validate.js';

export type { Content } from './load.js';
export { formatProblem, type ContentProblem } from './problems.js';

/** The project root, where flows/, intents/ and content/ live: found upwards from this file (src/ or dist/). */
export const DEFAULT_CONTENT_ROOT = findContentRoot(dirname(fileURLToPath(import.meta.url)));

function findContentRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'flows')) && existsSync(join(dir, 'intents')) && existsSync(join(dir, 'content'))) return dir;
    if (dirname(dir) === dir) return process.cwd();
  }
}

export type ContentResult = { ok: true; content: Content } | { ok: false; problems: ContentProblem[] };

export function loadContent(root: string = DEFAULT_CONTENT_ROOT): ContentResult {
  const loaded = loadContentFiles(root);
  if (!loaded.ok) return loaded;
  const problems = validateContent(loaded.content);
  return problems.length > 0 ? { ok: false, problems } : loaded;
}
