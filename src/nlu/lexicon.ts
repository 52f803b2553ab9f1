/**
 * The lexicon as data (intents/lexicon/*.yml) compiled for fast lookup: youth spellings and
 * abbreviations to standard Dutch ("mn" -> "mijn"), and synonym groups to one concept ("nudes",
 * "naaktje", "dickpic" -> #naaktfoto). Phrases of up to four words are supported.
 */
import type { SpellingLexicon, SynonymLexicon } from '../content/schema.js';
import { normalize } from './normalize.js';
import { porterStem } from './stem.js';

interface PhraseRule {
  words: string[];
  replacement: string[];
}

/** Phrase rules indexed by their first word, longest first. */
export class PhraseTable {
  private readonly byFirst = new Map<string, PhraseRule[]>();

  add(phrase: string, replacement: string[]): void {
    const words = normalize(phrase).split(' ').filter((w) => w && w !== '.');
    if (words.length === 0) return;
    const list = this.byFirst.get(words[0]!) ?? [];
    list.push({ words, replacement });
    list.sort((a, b) => b.words.length - a.words.length);
    this.byFirst.set(words[0]!, list);
  }

  /** The longest rule that matches at `tokens[i]`, if any. */
  matchAt(tokens: readonly string[], i: number): PhraseRule | undefined {
    const list = this.byFirst.get(tokens[i]!);
    if (!list) return undefined;
    outer: for (const rule of list) {
      if (i + rule.words.length > tokens.length) continue;
      for (let k = 1; k < rule.words.length; k++) if (tokens[i + k] !== rule.words[k]) continue outer;
      return rule;
    }
    return undefined;
  }

  /** Applies the rules left to right; returns the new tokens and the rules that fired. */
  apply(tokens: readonly string[], fired?: string[]): string[] {
    // Most sentences hold no phrase at all: hand them back as they are.
    let any = false;
    for (const t of tokens) {
      if (this.byFirst.has(t)) {
        any = true;
        break;
      }
    }
    if (!any) return tokens as string[];
    const out: string[] = [];
    for (let i = 0; i < tokens.length; ) {
      const rule = this.matchAt(tokens, i);
      if (rule) {
        out.push(...rule.replacement);
        fired?.push(`${rule.words.join(' ')} → ${rule.replacement.join(' ')}`);
        i += rule.words.length;
      } else {
        out.push(tokens[i]!);
        i++;
      }
    }
    return out;
  }

  has(word: string): boolean {
    return this.byFirst.has(word);
  }
}

export interface CompiledLexicon {
  spelling: PhraseTable;
  /** Multi-word synonyms become one concept token ("snel geld" -> "#snel_geld"). */
  synonymPhrases: PhraseTable;
  /** Single words to their concept, e.g. "naaktje" -> "#naaktfoto". */
  synonymWords: Map<string, string>;
  /** The same by stem, so other forms of a listed word find the concept ("chanteert"). */
  synonymStems: Map<string, string>;
  /** Every concept token. */
  concepts: Set<string>;
}

export const conceptToken = (name: string) => `#${normalize(name).replace(/ /g, '_')}`;

export function compileLexicon(spelling: SpellingLexicon, synonyms: SynonymLexicon): CompiledLexicon {
  const spell = new PhraseTable();
  for (const [from, to] of Object.entries(spelling.map)) {
    spell.add(from, normalize(to).split(' ').filter(Boolean));
  }
  const synonymPhrases = new PhraseTable();
  const synonymWords = new Map<string, string>();
  const synonymStems = new Map<string, string>();
  for (const [name, words] of Object.entries(synonyms.groups)) {
    const concept = conceptToken(name);
    for (const w of [name, ...words]) {
      const n = normalize(w);
      if (n.includes(' ')) synonymPhrases.add(n, [concept]);
      else if (n) {
        if (!synonymWords.has(n)) synonymWords.set(n, concept);
        const stem = porterStem(n);
        if (!synonymStems.has(stem)) synonymStems.set(stem, concept);
      }
    }
  }
  const concepts = new Set(Object.keys(synonyms.groups).map(conceptToken));
  return { spelling: spell, synonymPhrases, synonymWords, synonymStems, concepts };
}
