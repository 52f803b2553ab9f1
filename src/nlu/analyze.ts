/**
 * From raw text to the terms the matcher compares: normalise, split into sentences, apply the
 * spelling lexicon, map synonyms to concepts, reduce verb forms and stems, split unknown compounds
 * against the known vocabulary, correct small typos, and mark negated terms ("!betal").
 */
import { normalize, tokenize } from './normalize.js';
import { type CompiledLexicon } from './lexicon.js';
import { editDistance, porterStem, verbFormCandidates } from './stem.js';

export interface AnalyzedSentence {
  /** Words after the spelling lexicon (used by the crisis detector). */
  words: string[];
  /** Stems and #concepts, negated ones prefixed with "!". */
  unigrams: string[];
  /** The unigrams plus word pairs ("a+b"); only the unigrams when pairs were not asked for. */
  terms: string[];
  /** Each unigram's row in the model (-1 unknown), once useTermRows was called; else empty. */
  rows: number[];
  /** The rows of the unigrams that take part in word pairs (see pairBase), in order. */
  pairRows: number[];
}

export interface Analysis {
  normalized: string;
  sentences: AnalyzedSentence[];
  /** What the analyser did, for explanations (only when asked for). */
  notes: string[];
}

const NEGATORS = new Set(['niet', 'geen', 'nooit', 'niks', 'niets', 'nergens', 'not', 'never', 'nie', 'ni']);
/** Words that end a negation's reach. */
const CLAUSE_BREAKS = new Set(['en', 'maar', 'want', 'omdat', 'dus', 'als', 'anders', 'of', 'toen', 'dan', 'terwijl', 'zodat', 'tenzij', 'behalve']);
/** Words a negation passes over without negating them ("niet meer", "echt niet"). */
const NEGATION_TRANSPARENT = new Set(['meer', 'al', 'echt', 'zo', 'wel', 'eens', 'ook', 'nog', 'even', 'helemaal', 'eigenlijk', 'gewoon', 'me', 'mij', 'jou', 'hem', 'haar', 'het', 'dat', 'die', 'de', 'een', 'er', 'hier', 'daar', 'naar', 'met', 'bij', 'op', 'aan', 'in', 'voor', 'over', 'tegen', 'van', 'te', 'zomaar', 'zeker', 'goed', 'veel']);
/**
 * "niks"/"niets" are pronouns: a preposition after them starts a phrase they do not negate ("ik
 * heb niks aan een bot" is about the bot being no use, not about "no bot").
 */
const PRONOUN_NEGATORS = new Set(['niks', 'niets']);
const PREPOSITIONS = new Set(['aan', 'naar', 'met', 'bij', 'op', 'in', 'voor', 'over', 'tegen', 'van', 'uit', 'door', 'om']);
/** A subject starts a new part of the sentence ("als je niet betaalt zet ik …"). */
const SUBJECTS = new Set(['ik', 'jij', 'je', 'hij', 'ze', 'zij', 'we', 'wij', 'jullie', 'u', 'men']);
/** Little words left out of bigrams (they would pair with everything). */
const BIGRAM_SKIP = new Set(['de', 'het', 'een', 'en', 'van', 'te', 'dat', 'die', 'is', 'er', 'op', 'in', 'aan', 'met', 'voor', 'ook', 'zo', 'al', 'nog', 'wel', 'maar', 'of', 'om', 'dan', 'nu', 'even', 'gewoon', 'echt', 'ofzo', 'enzo']);
const MIN_COMPOUND_PART = 3;
const MAX_CACHE = 50_000;

interface Resolution {
  terms: string[];
  /** The same terms negated ("!betal"), made once so every use shares the strings. */
  negated: string[];
  /** Their rows in the model (see useTermRows), and whether each takes part in word pairs. */
  rows: number[];
  negatedRows: number[];
  inPairs: boolean[];
  note: string | undefined;
}

/** Terms resolve to rows of a model (its cue weights), so scoring needs no string lookups. */
export type TermRows = (term: string) => number;

const NO_ROWS: TermRows = () => -1;

/** The unigrams that take part in word pairs (little words are left out). */
export function pairBase(unigrams: readonly string[]): string[] {
  return unigrams.filter((t) => !BIGRAM_SKIP.has(t.startsWith('!') ? t.slice(1) : t));
}

/** Word pairs as terms ("a+b"), for training and explanations. */
export function pairTerms(unigrams: readonly string[]): string[] {
  const base = pairBase(unigrams);
  const out: string[] = [];
  for (let i = 1; i < base.length; i++) out.push(`${base[i - 1]}+${base[i]}`);
  return out;
}

export interface Vocabulary {
  /** Stems and concepts that occur in the examples. */
  terms: Set<string>;
  /** Surface words from the examples, by first letter, for typo correction. */
  wordsByInitial: Map<string, string[]>;
}

export class Analyzer {
  private vocab: Vocabulary = { terms: new Set(), wordsByInitial: new Map() };
  private readonly cache = new Map<string, Resolution>();
  private learning = true;
  private termRows: TermRows = NO_ROWS;
  private rowsKnown = false;

  constructor(private readonly lexicon: CompiledLexicon) {}

  /** Words after the spelling lexicon and multi-word synonyms: the surface the crisis detector reads. */
  words(text: string, notes?: string[]): { normalized: string; sentences: string[][] } {
    const normalized = normalize(text);
    const sentences = tokenize(normalized);
    const quotes = normalized.includes("'");
    for (let i = 0; i < sentences.length; i++) {
      let tokens = sentences[i]!;
      if (quotes) tokens = tokens.map((t) => (t.startsWith("'") && !this.lexicon.spelling.has(t) ? t.slice(1) : t)).filter(Boolean);
      sentences[i] = this.lexicon.spelling.apply(tokens, notes);
    }
    return { normalized, sentences };
  }

  /**
   * Analyses a text. With `pairs: false` the word pairs are left out of `terms` (the matcher's
   * hot path looks pairs up itself, without building a string for each).
   */
  analyze(text: string, explain = false, opts: { pairs?: boolean } = {}): Analysis {
    const notes: string[] = [];
    const { normalized, sentences: words } = this.words(text, explain ? notes : undefined);
    const sentences: AnalyzedSentence[] = [];
    for (const w of words) {
      const { unigrams, rows, pairRows } = this.unigramsOf(w, explain ? notes : undefined);
      const terms = opts.pairs === false ? unigrams : [...unigrams, ...pairTerms(unigrams)];
      sentences.push({ words: w, unigrams, terms, rows, pairRows });
    }
    return { normalized, sentences, notes };
  }

  /**
   * Fixes the vocabulary (from the examples) that compound splitting and typo correction compare
   * against. Until then the analyser only stems, so examples never get "corrected" into each other.
   */
  freeze(vocab: Vocabulary): void {
    this.vocab = vocab;
    this.learning = false;
    this.cache.clear();
  }

  /** Resolves terms to a model's rows from now on (each word once, then cached with it). */
  useTermRows(rows: TermRows): void {
    this.termRows = rows;
    this.rowsKnown = true;
    this.cache.clear();
  }

  private withRows(r: { terms: string[]; note?: string }): Resolution {
    const negated = r.terms.map((t) => `!${t}`);
    // One object shape for every word (note or not): the hot path reads these fields monomorphically.
    return {
      terms: r.terms,
      negated,
      rows: r.terms.map((t) => this.termRows(t)),
      negatedRows: negated.map((t) => this.termRows(t)),
      inPairs: r.terms.map((t) => !BIGRAM_SKIP.has(t)),
      note: r.note,
    };
  }

  get vocabularyTerms(): ReadonlySet<string> {
    return this.vocab.terms;
  }

  hasConcept(concept: string): boolean {
    return this.lexicon.concepts.has(concept);
  }

  /** The plain stem of a word or its concept, used while learning the vocabulary. */
  baseTerm(word: string): string {
    const stem = porterStem(word);
    return this.lexicon.synonymWords.get(word) ?? this.lexicon.synonymStems.get(stem) ?? stem;
  }

  private unigramsOf(words: string[], notes?: string[]): Pick<AnalyzedSentence, 'unigrams' | 'rows' | 'pairRows'> {
    const phrased = this.lexicon.synonymPhrases.apply(words, notes);
    const negated = negationMask(phrased);
    const unigrams: string[] = [];
    const rows: number[] = [];
    const pairRows: number[] = [];
    for (let i = 0; i < phrased.length; i++) {
      const w = phrased[i]!;
      if (NEGATORS.has(w)) continue;
      const r = w.startsWith('#') ? this.conceptResolution(w) : this.resolve(w);
      if (notes && r.note) notes.push(r.note);
      const list = negated[i] ? r.negated : r.terms;
      for (const t of list) unigrams.push(t);
      if (!this.rowsKnown) continue;
      const listRows = negated[i] ? r.negatedRows : r.rows;
      for (let k = 0; k < listRows.length; k++) {
        rows.push(listRows[k]!);
        if (r.inPairs[k]) pairRows.push(listRows[k]!);
      }
    }
    if (notes) {
      const neg = unigrams.filter((t) => t.startsWith('!'));
      if (neg.length) notes.push(`negation: ${neg.join(' ')}`);
    }
    return { unigrams, rows, pairRows };
  }

  private conceptResolution(concept: string): Resolution {
    let r = this.cache.get(concept);
    if (!r) {
      r = this.withRows({ terms: [concept] });
      this.cache.set(concept, r);
    }
    return r;
  }

  private resolve(word: string): Resolution {
    const cached = this.cache.get(word);
    if (cached) return cached;
    const r = this.withRows(this.learning ? { terms: [this.baseTerm(word)] } : this.resolveAgainstVocabulary(word));
    if (this.cache.size >= MAX_CACHE) this.cache.clear();
    this.cache.set(word, r);
    return r;
  }

  private known(word: string): string | undefined {
    const concept = this.lexicon.synonymWords.get(word);
    if (concept) return concept;
    const s = porterStem(word);
    const byStem = this.lexicon.synonymStems.get(s);
    if (byStem) return byStem;
    return this.vocab.terms.has(s) ? s : undefined;
  }

  private resolveAgainstVocabulary(word: string): { terms: string[]; note?: string } {
    const direct = this.known(word);
    if (direct) return { terms: [direct] };
    for (const cand of verbFormCandidates(word)) {
      const k = this.known(cand);
      if (k) return { terms: [k], note: `verb form: ${word} → ${k}` };
    }
    const undoubled = word.replace(/(\p{L})\1/gu, '$1');
    if (undoubled !== word) {
      const k = this.known(undoubled);
      if (k) return { terms: [k], note: `spelling: ${word} → ${undoubled}` };
    }
    const parts = this.splitCompound(word);
    if (parts) return { terms: parts, note: `compound: ${word} → ${parts.join(' + ')}` };
    const fixed = this.correctTypo(word);
    const k = fixed ? this.known(fixed) : undefined;
    if (fixed && k) return { terms: [k], note: `typo: ${word} ≈ ${fixed}` };
    return { terms: [porterStem(word)] };
  }

  /** "naaktfilmpje" -> naakt + filmpje, "afpersingsmail" -> afpersing + mail (with linking s/e/en). */
  private splitCompound(word: string): string[] | undefined {
    if (word.length < 2 * MIN_COMPOUND_PART + 1) return undefined;
    for (let i = word.length - MIN_COMPOUND_PART; i >= MIN_COMPOUND_PART; i--) {
      const right = this.known(word.slice(i)) ?? this.knownVerbForm(word.slice(i));
      if (!right) continue;
      const left = word.slice(0, i);
      for (const l of [left, left.replace(/(s|e|en)$/, '')]) {
        if (l.length < MIN_COMPOUND_PART) continue;
        const k = this.known(l);
        if (k) return [k, right];
      }
    }
    return undefined;
  }

  private knownVerbForm(word: string): string | undefined {
    for (const cand of verbFormCandidates(word)) {
      const k = this.known(cand);
      if (k) return k;
    }
    return undefined;
  }

  /**
   * One edit for words of 5-8 letters, two from 9; only when exactly one known word is that close.
   * Short words are never corrected: too many real words sit one letter apart.
   */
  private correctTypo(word: string): string | undefined {
    if (word.length < 5 || /\d/.test(word)) return undefined;
    const max = word.length >= 9 ? 2 : 1;
    const pool = this.vocab.wordsByInitial.get(word[0]!) ?? [];
    let best: string | undefined;
    let bestDistance = max + 1;
    let tie = false;
    for (const cand of pool) {
      if (Math.abs(cand.length - word.length) > max || !this.known(cand)) continue;
      const d = editDistance(word, cand);
      if (d < bestDistance) {
        best = cand;
        bestDistance = d;
        tie = false;
      } else if (d === bestDistance && best && this.known(best) !== this.known(cand)) {
        tie = true;
      }
    }
    return best && !tie && bestDistance <= max ? best : undefined;
  }
}

/**
 * Which words a negation covers. Dutch puts "niet" before the participle or infinitive ("ik heb
 * niet betaald", "ik wil niet meer leven") or after the finite verb at the end of a clause ("ik
 * betaal niet"). Forward reach is the first content word (past "meer", articles, prepositions); at the end of a clause the
 * negation covers the verb before it.
 */
const NO_NEGATION: boolean[] = [];

export function negationMask(words: readonly string[]): boolean[] {
  if (!words.some((w) => NEGATORS.has(w))) return NO_NEGATION;
  const mask = new Array<boolean>(words.length).fill(false);
  for (let i = 0; i < words.length; i++) {
    if (!NEGATORS.has(words[i]!)) continue;
    let covered = 0;
    const pronoun = PRONOUN_NEGATORS.has(words[i]!);
    for (let j = i + 1; j < words.length && covered < 1; j++) {
      const w = words[j]!;
      if (CLAUSE_BREAKS.has(w) || NEGATORS.has(w) || SUBJECTS.has(w) || (pronoun && PREPOSITIONS.has(w))) break;
      if (NEGATION_TRANSPARENT.has(w)) continue;
      mask[j] = true;
      covered++;
    }
    if (covered === 0) {
      for (let j = i - 1; j >= 0; j--) {
        const w = words[j]!;
        if (CLAUSE_BREAKS.has(w)) break;
        if (NEGATION_TRANSPARENT.has(w) || SUBJECTS.has(w)) continue;
        mask[j] = true;
        break;
      }
    }
  }
  return mask;
}
