/**
 * Pattern syntax (intents/lexicon/crisis.yml): words separated by spaces; "…" lets up to four
 * other words sit in between; "word*" matches words starting with "word"; a final "$" means the
 * sentence ends there.
 *
 * The crisis detector runs first on every message and is recall-first: a phrase list (data, in
 * intents/lexicon/crisis.yml) read over the words after the spelling lexicon, blind to negation,
 * so "ik wil niet meer leven" is found. A missed crisis costs far more than an extra 113 card.
 */
import type { CrisisLexicon } from '../content/schema.js';
import { normalize } from './normalize.js';
import type { PhraseTable } from './lexicon.js';

type PatternPart =
  | { kind: 'word'; word: string }
  | { kind: 'prefix'; prefix: string }
  | { kind: 'gap'; max: number }
  /** "$": the sentence ends here ("ik wil niet meer $"). */
  | { kind: 'end' };

export interface CrisisPattern {
  intent: 'crisis_suicide' | 'acute_danger' | 'not_crisis';
  text: string;
  parts: PatternPart[];
}

export interface CrisisHit {
  intent: 'crisis_suicide' | 'acute_danger';
  pattern: string;
  sentence: number;
}

const GAP_WORDS = 4;

export function compilePattern(text: string, intent: CrisisPattern['intent'], spelling?: PhraseTable): CrisisPattern {
  const withGaps = text.replace(/…|\.\.\./g, ' qqgapqq ').replace(/\$\s*$/, ' qqendqq');
  const raw = normalize(withGaps.replace(/\*/g, 'qqstarqq')).split(' ').filter((w) => w && w !== '.');
  const parts: PatternPart[] = [];
  for (const w of raw.map((x) => x.replace(/qqstarqq/g, '*'))) {
    if (w === 'qqgapqq') parts.push({ kind: 'gap', max: GAP_WORDS });
    else if (w === 'qqendqq') parts.push({ kind: 'end' });
    else if (w.endsWith('*')) parts.push({ kind: 'prefix', prefix: w.slice(0, -1) });
    // Literal words go through the same spelling lexicon as the message ("m'n" -> "mijn").
    else for (const word of spelling ? spelling.apply([w]) : [w]) parts.push({ kind: 'word', word });
  }
  return { intent, text, parts };
}

function matchFrom(parts: readonly PatternPart[], p: number, words: readonly string[], w: number): boolean {
  if (p === parts.length) return true;
  const part = parts[p]!;
  if (part.kind === 'gap') {
    for (let skip = 0; skip <= part.max && w + skip <= words.length; skip++) {
      if (matchFrom(parts, p + 1, words, w + skip)) return true;
    }
    return false;
  }
  if (part.kind === 'end') return w === words.length;
  if (w >= words.length) return false;
  const word = words[w]!;
  const ok = part.kind === 'word' ? word === part.word : word.startsWith(part.prefix);
  return ok && matchFrom(parts, p + 1, words, w + 1);
}

export function patternMatches(pattern: CrisisPattern, words: readonly string[]): boolean {
  const first = pattern.parts[0];
  for (let i = 0; i < words.length; i++) {
    if (first?.kind === 'word' && words[i] !== first.word) continue;
    if (first?.kind === 'prefix' && !words[i]!.startsWith(first.prefix)) continue;
    if (matchFrom(pattern.parts, 0, words, i)) return true;
  }
  return false;
}

export class CrisisDetector {
  private readonly patterns: CrisisPattern[];
  private readonly exceptions: CrisisPattern[];
  /**
   * Patterns by their longest literal word (their rarest, as a rule: "meer" rather than "ik"), so a
   * sentence only checks the patterns whose anchor it contains.
   */
  private readonly byAnchor = new Map<string, CrisisPattern[]>();
  private readonly open: CrisisPattern[] = [];

  constructor(lexicon: CrisisLexicon, spelling?: PhraseTable) {
    this.patterns = [
      ...lexicon.crisis_suicide.map((t) => compilePattern(t, 'crisis_suicide', spelling)),
      ...lexicon.acute_danger.map((t) => compilePattern(t, 'acute_danger', spelling)),
    ];
    this.exceptions = lexicon.not_crisis.map((t) => compilePattern(t, 'not_crisis', spelling));
    for (const p of this.patterns) {
      const literals = p.parts.flatMap((part) => (part.kind === 'word' ? [part.word] : []));
      const anchor = literals.reduce<string | undefined>((best, w) => (best === undefined || w.length >= best.length ? w : best), undefined);
      if (anchor === undefined) {
        this.open.push(p);
        continue;
      }
      const list = this.byAnchor.get(anchor) ?? [];
      list.push(p);
      this.byAnchor.set(anchor, list);
    }
  }

  /** The first crisis pattern found, suicide before acute danger (both point to help at once). */
  detect(sentences: readonly (readonly string[])[]): CrisisHit | undefined {
    let acute: CrisisHit | undefined;
    for (let s = 0; s < sentences.length; s++) {
      const words = sentences[s]!;
      // Whether an exception ("ik ga dood van het lachen") covers this sentence: checked once, when needed.
      let excepted: boolean | undefined;
      for (let w = -1; w < words.length; w++) {
        // First the patterns without a literal word, then those anchored on each word of the sentence.
        const list = w < 0 ? this.open : this.byAnchor.get(words[w]!);
        if (list === undefined) continue;
        for (const p of list) {
          if (!patternMatches(p, words)) continue;
          excepted ??= this.exceptions.some((e) => patternMatches(e, words));
          if (excepted) continue;
          if (p.intent === 'crisis_suicide') return { intent: 'crisis_suicide', pattern: p.text, sentence: s };
          acute ??= { intent: 'acute_danger', pattern: p.text, sentence: s };
        }
      }
    }
    return acute;
  }

  get size(): number {
    return this.patterns.length;
  }
}
