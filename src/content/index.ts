/** Loading content for the app and the command line: schema checks, then cross-reference checks. */
import { fileURLToPath } from 'node:url';
import { loadContentFiles, type Content } from './load.js';
import type { ContentProblem } from './problems.js';
import { validateContent } from './validate.js';

export type { Content } from './load.js';
export { formatProblem, type ContentProblem } from './problems.js';

/** The repository root, where flows/, intents/ and content/ live (also from dist/). */
export const DEFAULT_CONTENT_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/dist\/?$/, '/');

export type ContentResult = { ok: true; content: Content } | { ok: false; problems: ContentProblem[] };

export function loadContent(root: string = DEFAULT_CONTENT_ROOT): ContentResult {
  const loaded = loadContentFiles(root);
  if (!loaded.ok) return loaded;
  const problems = validateContent(loaded.content);
  return problems.length > 0 ? { ok: false, problems } : loaded;
}
