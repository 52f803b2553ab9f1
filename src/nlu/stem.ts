/**
 * Dutch stemming. natural's Dutch Porter stemmer is imported from its own file: `import natural`
 * would load ~77 MB of unrelated modules and write to stdout.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const porter = require('natural/lib/natural/stemmers/porter_stemmer_nl.js') as { stem(word: string): string };
const distances = require('natural/lib/natural/distance/levenshtein_distance.js') as {
  DamerauLevenshteinDistance(a: string, b: string, options?: { restricted?: boolean }): number;
};

export function porterStem(word: string): string {
  return porter.stem(word);
}

/** Edit distance where a swap of two neighbouring letters counts as one edit ("betaald"/"betaadl"). */
export function editDistance(a: string, b: string): number {
  return distances.DamerauLevenshteinDistance(a, b, { restricted: true });
}

/** Separable verb prefixes that sit before "ge" in a participle: af-ge-perst, door-ge-stuurd. */
const SEPARABLE = ['af', 'op', 'door', 'uit', 'aan', 'mee', 'in', 'over', 'terug', 'weg', 'rond', 'vast', 'na', 'toe', 'voor', 'bij', 'los', 'om'];
const PARTICIPLE = new RegExp(`^(${SEPARABLE.join('|')})?ge([a-z]{3,})[dt]$`);

/**
 * Verb-form candidates for a word, most specific first: "gechanteerd" -> "chanteer",
 * "afgeperst" -> "afpers", "betaalt" -> "betaal". The caller keeps the first whose stem it knows,
 * so a noun like "naakt" is never cut to "naak" unless that is a known word.
 */
export function verbFormCandidates(word: string): string[] {
  const out: string[] = [];
  const p = PARTICIPLE.exec(word);
  if (p) out.push(`${p[1] ?? ''}${p[2]}`);
  if (word.length >= 5 && /[dt]$/.test(word) && !/[dt]{2}$/.test(word)) out.push(word.slice(0, -1));
  return out;
}
