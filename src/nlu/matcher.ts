/**
 * The Dutch intent matcher: rule-based and explainable, no network, no large model.
 *
 *   1. The crisis detector (phrase list) runs first and is recall-first.
 *   2. The analyser turns text into terms: stems, #concepts from the lexicon, negated terms,
 *      word pairs; spelling, verb forms, compounds and typos are handled there.
 *   3. Cue rules (rules.yml) add fixed evidence for readable concept combinations.
 *   4. Cue weights, set from the intent examples, turn the terms into a probability per intent.
 *   5. The decision: matched, unsure ("Bedoel je …? Klopt dat?") or none (out_of_scope). Several
 *      sentences: the most urgent confident one wins.
 * The explanation lists what fired: lexicon rules, crisis phrase, cue rules, the strongest terms,
 * and the nearest example.
 */
import type { IntentFile } from '../content/schema.js';
import type { Lexicon } from '../content/load.js';
import { CRISIS_INTENTS, isPublicIntent, URGENCY, type PublicIntent } from '../content/public-intents.js';
import { Analyzer, type AnalyzedSentence, type Vocabulary } from './analyze.js';
import { CrisisDetector } from './crisis.js';
import { CueWeights, DEFAULT_CUE_WEIGHT_OPTIONS, type CueWeightOptions } from './cue-weights.js';
import { compileLexicon } from './lexicon.js';
import { NearestExamples } from './nearest.js';
import { CueRules } from './rules.js';

export interface Candidate {
  intent: string;
  /** The public id of shared/intents.md this intent belongs to. */
  topic: PublicIntent;
  score: number;
}

interface Explained {
  normalized: string;
  candidates: Candidate[];
  /** What fired, in words: lexicon rules, crisis phrases, cue rules, strongest terms, nearest example. */
  rules: string[];
}

/** The matcher's outcome. `none` means out_of_scope: the bot says it did not understand. */
export type MatchResult =
  | ({ type: 'matched'; intent: string; topic: PublicIntent; score: number; via: 'crisis' | 'classifier' } & Explained)
  | ({ type: 'unsure' } & Explained)
  | ({ type: 'none' } & Explained);

export interface MatcherOptions {
  /** A topic's probability at or above this (and clear of the next): matched. */
  matchThreshold: number;
  /** At or above (and below match): unsure, the bot checks "Bedoel je …?". */
  unsureThreshold: number;
  /** The top topic must lead the next one (out_of_scope included) by this much to be matched. */
  minMargin: number;
  /** Crisis + acute danger together at or above this is crisis, even when another topic leads (recall first). */
  crisisThreshold: number;
  /** How much a cue rule's weight counts (as extra log-odds). */
  ruleScale: number;
  training: CueWeightOptions;
  /** A model trained before from the same content and options (see nlu/model-cache.ts). */
  pretrained?: PretrainedModel | undefined;
}

/** What a cached model holds: the weights and the vocabulary they were trained with. */
export interface PretrainedModel {
  weights: CueWeights;
  vocabulary: { terms: string[]; words: string[] };
}

/**
 * Set on the held-back list once, not per row: recall first for crisis (a missed crisis costs far
 * more than an extra 113 card), and "not understood" rather than a confident wrong topic.
 */
export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = {
  matchThreshold: 0.4,
  unsureThreshold: 0.3,
  minMargin: 0.1,
  crisisThreshold: 0.3,
  ruleScale: 3,
  training: DEFAULT_CUE_WEIGHT_OPTIONS,
};

const OUT_OF_SCOPE = 'out_of_scope';
/** Length of the spelling pieces (character n-grams) of words. */
const PIECE = 4;
const CRISIS = new Set<string>(CRISIS_INTENTS);

/** One scored text (a message or one of its sentences): only what the decision reads. */
interface Scored {
  /** The most likely public topic, its probability and its most likely fine intent. */
  top: number;
  topP: number;
  topBest: number;
  /** The runner-up topic's probability (out_of_scope included). */
  runnerUpP: number;
  /** Crisis and acute danger together, and the fine intent of the heavier of the two. */
  crisisP: number;
  crisisBest: number;
  /** Every intent's probability (the matcher's buffer; copied when a later scoring would overwrite it). */
  probs: Float64Array;
}

/** Indices of the k largest values, largest first (k is small: one pass with a short insertion). */
function topK(values: Float64Array, k: number): number[] {
  const idx: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (idx.length === k && v <= values[idx[k - 1]!]!) continue;
    let pos = idx.length < k ? idx.length : k - 1;
    while (pos > 0 && values[idx[pos - 1]!]! < v) {
      idx[pos] = idx[pos - 1]!;
      pos--;
    }
    idx[pos] = i;
  }
  return idx;
}

export class Matcher {
  readonly analyzer: Analyzer;
  private readonly crisis: CrisisDetector;
  private readonly intentIds: string[];
  private readonly topics: PublicIntent[];
  private readonly weights: CueWeights;
  private readonly rules: CueRules;
  /** Built on first use: only explanations need it. */
  private nearestIndex: NearestExamples | undefined;
  private exampleTermCache: string[][] | undefined;
  private readonly exampleLabels: number[];
  private readonly exampleTexts: string[];
  private readonly vocabularyWords: string[];
  // Scratch buffers: the matcher is synchronous.
  private readonly probs: Float64Array;
  private readonly extra: Float64Array;
  private readonly topicNames: PublicIntent[];
  private readonly topicOfIntent: Int32Array;
  private readonly topicP: Float64Array;
  private readonly topicBest: Int32Array;
  private readonly crisisTopics: number[];
  private readonly pieceCache = new Map<string, string[]>();
  private readonly pieceRowCache = new Map<string, Float32Array>();
  private readonly pieceLists: Float32Array[] = [];

  private constructor(
    intents: IntentFile[],
    lexicon: Lexicon,
    readonly options: MatcherOptions,
  ) {
    const compiled = compileLexicon(lexicon.spelling, lexicon.synonyms);
    this.analyzer = new Analyzer(compiled);
    this.crisis = new CrisisDetector(lexicon.crisis, compiled.spelling);
    this.intentIds = intents.map((i) => i.id);
    this.topics = intents.map((i) => (i.topic ?? i.id) as PublicIntent);
    for (const t of this.topics) if (!isPublicIntent(t)) throw new Error(`intent topic '${t}' is not a public intent id`);
    this.topicNames = [...new Set(this.topics)];
    this.topicOfIntent = Int32Array.from(this.topics, (t) => this.topicNames.indexOf(t));
    this.topicP = new Float64Array(this.topicNames.length);
    this.topicBest = new Int32Array(this.topicNames.length);
    this.crisisTopics = this.topicNames.flatMap((t, i) => (CRISIS.has(t) ? [i] : []));

    const n = intents.length;
    this.extra = new Float64Array(n);
    this.probs = new Float64Array(n);
    const labels: number[] = [];
    const texts: string[] = [];
    intents.forEach((intent, ii) => {
      for (const ex of intent.examples) {
        labels.push(ii);
        texts.push(ex);
      }
    });
    this.exampleLabels = labels;
    this.exampleTexts = texts;

    const pretrained = options.pretrained?.weights.intents === n ? options.pretrained : undefined;
    if (pretrained) {
      // A cached model: its vocabulary and weights, no analysis of the examples at start-up.
      this.analyzer.freeze(vocabularyFrom(pretrained.vocabulary.terms, pretrained.vocabulary.words));
      this.vocabularyWords = pretrained.vocabulary.words;
      this.rules = new CueRules(lexicon.rules, this.analyzer, (id) => this.intentIds.indexOf(id));
      this.weights = pretrained.weights;
      this.analyzer.useTermRows((t) => this.weights.rowOf(t));
      return;
    }

    // Pass 1: learn the vocabulary with plain stemming (examples are never "corrected" into each other).
    const terms = new Set<string>();
    const surface = new Set<string>();
    const exampleTerms: string[][] = [];
    for (const text of texts) {
      const list: string[] = [];
      for (const s of this.analyzer.analyze(text).sentences) {
        for (const t of s.terms) {
          list.push(t);
          terms.add(t.startsWith('!') ? t.slice(1) : t);
        }
        for (const w of s.words) if (/^\p{L}{3,}$/u.test(w)) surface.add(w);
        list.push(...this.spellingPieces(s.words));
      }
      exampleTerms.push(list);
    }
    this.vocabularyWords = [...surface];
    this.analyzer.freeze(vocabularyFrom([...terms], this.vocabularyWords));
    // Every example word is in the vocabulary now, so pass 1 already holds the examples' terms.
    this.exampleTermCache = exampleTerms;
    this.rules = new CueRules(lexicon.rules, this.analyzer, (id) => this.intentIds.indexOf(id));
    const extras = exampleTerms.map((list) => {
      const e = new Float64Array(n);
      this.rules.apply(list, e, undefined, options.ruleScale);
      return e;
    });
    this.weights = CueWeights.train({ examples: exampleTerms, labels, intents: n, extras }, options.training);
    this.analyzer.useTermRows((t) => this.weights.rowOf(t));
  }

  /** The model to cache: weights and the vocabulary they belong to. */
  get model(): PretrainedModel {
    return { weights: this.weights, vocabulary: { terms: [...this.analyzer.vocabularyTerms], words: this.vocabularyWords } };
  }

  static build(intents: Map<string, IntentFile> | IntentFile[], lexicon: Lexicon, options: Partial<MatcherOptions> = {}): Matcher {
    const list = Array.isArray(intents) ? intents : [...intents.values()];
    return new Matcher(list, lexicon, { ...DEFAULT_MATCHER_OPTIONS, ...options });
  }

  get intents(): readonly string[] {
    return this.intentIds;
  }

  topicOf(intent: string): PublicIntent | undefined {
    const i = this.intentIds.indexOf(intent);
    return i >= 0 ? this.topics[i] : undefined;
  }

  /** Every intent's probability for a whole message (for the studio and for calibration). */
  allScores(text: string): Map<string, number> {
    const sentences = this.analyzer.analyze(text, false, { pairs: false }).sentences;
    this.score(sentences.flatMap((s) => s.unigrams), sentences.flatMap((s) => s.rows), sentences.flatMap((s) => s.words), pairsOf(sentences));
    return new Map(this.intentIds.map((id, i) => [id, this.probs[i]!]));
  }

  match(text: string, opts: { explain?: boolean } = {}): MatchResult {
    const explain = opts.explain ?? false;
    const analysis = this.analyzer.analyze(text, explain, { pairs: explain });
    const rules = explain ? analysis.notes.map((n) => `lexicon: ${n}`) : [];
    const normalized = analysis.normalized;
    const sentences = analysis.sentences;
    const one = sentences.length === 1 ? sentences[0]! : undefined;

    // The crisis phrases first: recall first, and nothing else needs scoring then.
    const hit = this.crisis.detect(one ? [one.words] : sentences.map((s) => s.words));
    if (hit) {
      const probs = this.scoreAll(sentences, rules, explain).probs;
      if (explain) rules.push(`crisis phrase: '${hit.pattern}'`);
      return { type: 'matched', intent: hit.intent, topic: hit.intent, score: 1, via: 'crisis', normalized, candidates: this.candidatesOf(probs), rules };
    }

    const whole = this.scoreAll(sentences, rules, explain);

    // Several sentences: the most urgent confident one wins over the whole message's mix.
    let chosen = whole;
    const o = this.options;
    if (sentences.length > 1) {
      whole.probs = whole.probs.slice(); // the sentences below reuse the buffer
      for (let i = 0; i < sentences.length; i++) {
        const s = sentences[i]!;
        const scored = this.score(s.unigrams, s.rows, s.words, s.pairRows);
        if (!this.confident(scored)) continue;
        const top = this.topicNames[scored.top]!;
        // A short sentence alone ("hij is nu raar") is weak evidence of crisis: the crisis phrases
        // and the whole message decide that; a sentence may raise any other topic.
        if (CRISIS.has(top)) continue;
        const cur = this.topicNames[chosen.top]!;
        if (!this.confident(chosen) || URGENCY[top] < URGENCY[cur] || (URGENCY[top] === URGENCY[cur] && scored.topP > chosen.topP)) {
          scored.probs = scored.probs.slice();
          chosen = scored;
          if (explain) rules.push(`sentence ${i + 1} of ${sentences.length}: ${top} ${scored.topP.toFixed(2)}`);
        }
      }
    }

    // Recall first for crisis: enough probability on crisis or acute danger is enough.
    const crisisP = Math.max(whole.crisisP, chosen === whole ? 0 : chosen.crisisP);
    if (crisisP >= o.crisisThreshold) {
      const best = chosen.crisisP >= whole.crisisP ? chosen.crisisBest : whole.crisisBest;
      const intent = this.intentIds[best]!;
      if (explain) rules.push(`crisis by cue weights: ${crisisP.toFixed(2)} ≥ ${o.crisisThreshold}`);
      return { type: 'matched', intent, topic: this.topics[best]!, score: round(crisisP), via: 'classifier', normalized, candidates: this.candidatesOf(chosen.probs), rules };
    }

    const topic = this.topicNames[chosen.top]!;
    const p = chosen.topP;
    const lead = p - chosen.runnerUpP;
    const candidates = this.candidatesOf(chosen.probs);
    if (explain) this.explainTop(chosen, sentences.flatMap((s) => s.terms), rules);
    if (topic === OUT_OF_SCOPE) {
      if (explain) rules.push(`most like the out-of-scope examples (${p.toFixed(2)})`);
      return { type: 'none', normalized, candidates, rules };
    }
    if (p >= o.matchThreshold && lead >= o.minMargin) {
      if (explain) rules.push(`matched: ${p.toFixed(2)} ≥ ${o.matchThreshold}, lead ${lead.toFixed(2)}`);
      return { type: 'matched', intent: this.intentIds[chosen.topBest]!, topic, score: round(p), via: 'classifier', normalized, candidates, rules };
    }
    if (p >= o.unsureThreshold) {
      if (explain) rules.push(`unsure: ${p.toFixed(2)}, lead ${lead.toFixed(2)}`);
      return { type: 'unsure', normalized, candidates, rules };
    }
    if (explain) rules.push(`not understood: ${p.toFixed(2)} < ${o.unsureThreshold}`);
    return { type: 'none', normalized, candidates, rules };
  }

  private confident(s: Scored): boolean {
    return this.topicNames[s.top] !== OUT_OF_SCOPE && s.topP >= this.options.matchThreshold;
  }

  /** The whole message scored at once (pairs never cross a sentence end); fired cue rules noted when explaining. */
  private scoreAll(sentences: readonly AnalyzedSentence[], rules: string[], explain: boolean): Scored {
    const one = sentences.length === 1 ? sentences[0]! : undefined;
    const terms = one ? one.unigrams : sentences.flatMap((s) => s.unigrams);
    const rows = one ? one.rows : sentences.flatMap((s) => s.rows);
    const words = one ? one.words : sentences.flatMap((s) => s.words);
    const fired: string[] | undefined = explain ? [] : undefined;
    const scored = this.score(terms, rows, words, pairsOf(sentences), fired);
    if (fired) rules.push(...fired.map((f) => `cue rule: ${f}`));
    return scored;
  }

  /** The three most likely fine intents (above 1 %), for the studio and "Bedoel je …?". */
  private candidatesOf(probs: Float64Array): Candidate[] {
    const out: Candidate[] = [];
    for (const i of topK(probs, 3)) if (probs[i]! > 0.01) out.push({ intent: this.intentIds[i]!, topic: this.topics[i]!, score: round(probs[i]!) });
    return out;
  }

  /** A sentence's features: its terms and the spelling pieces of its words. */
  private features(s: AnalyzedSentence): string[] {
    return [...s.terms, ...this.spellingPieces(s.words)];
  }

  /**
   * The summed weights of a word's spelling pieces, cached per word: the hot path adds one vector
   * per word instead of looking up each piece. (A piece shared by two words of one message then
   * counts twice, where training counted it once: rare; on the held-back lists the figures stayed
   * the same or improved slightly.)
   */
  private pieceRowsOf(word: string): Float32Array {
    let rows = this.pieceRowCache.get(word);
    if (!rows) {
      rows = this.weights.sumOf(this.spellingPieces([word]));
      if (this.pieceRowCache.size > 50_000) this.pieceRowCache.clear();
      this.pieceRowCache.set(word, rows);
    }
    return rows;
  }

  /**
   * Four-letter pieces of each word ("~^naa", "~naak", "~aakt"…): they let a misspelt or unknown
   * form ("naakfotoos", "gechanteert") lean on the words it resembles.
   */
  private spellingPieces(words: readonly string[]): string[] {
    const out: string[] = [];
    for (const w of words) {
      if (w.length < 4) continue;
      let pieces = this.pieceCache.get(w);
      if (!pieces) {
        const marked = `^${w}$`;
        pieces = [];
        for (let i = 0; i + PIECE <= marked.length; i++) pieces.push(`~${marked.slice(i, i + PIECE)}`);
        if (this.pieceCache.size > 50_000) this.pieceCache.clear();
        this.pieceCache.set(w, pieces);
      }
      for (const p of pieces) out.push(p);
    }
    return out;
  }

  private explainTop(scored: Scored, terms: readonly string[], rules: string[]): void {
    const best = { intent: scored.topBest };
    const strongest = this.weights.strongest(terms, best.intent);
    if (strongest.length) rules.push(`strongest terms for ${this.intentIds[best.intent]}: ${strongest.map((s) => `${s.term} (+${s.weight})`).join(', ')}`);
    this.exampleTermCache ??= this.exampleTexts.map((t) => this.analyzer.analyze(t).sentences.flatMap((s) => this.features(s)));
    this.nearestIndex ??= new NearestExamples(this.exampleTermCache, this.exampleLabels, this.exampleTexts);
    const near = this.nearestIndex.find(terms, best.intent);
    if (near) rules.push(`nearest example of ${this.intentIds[best.intent]}: '${near.text}' (${near.similarity.toFixed(2)})`);
  }

  /**
   * Probabilities per intent and per topic for a text's unigrams (as terms for the cue rules and as
   * rows for the weights), word pairs and words. `pairRows` is each sentence's pair rows joined by
   * -1 (a pair never crosses a sentence end).
   */
  private score(terms: readonly string[], rows: readonly number[], words: readonly string[], pairRows: readonly number[], fired?: string[]): Scored {
    const n = this.intentIds.length;
    const probs = this.probs;
    this.extra.fill(0);
    if (fired) {
      const firedRules: Array<{ intent: number; why: string }> = [];
      this.rules.apply(terms, this.extra, firedRules, this.options.ruleScale);
      for (const f of firedRules) fired.push(`${f.why} → ${this.intentIds[f.intent]}`);
    } else {
      this.rules.apply(terms, this.extra, undefined, this.options.ruleScale);
    }
    const pieces = this.pieceLists;
    pieces.length = 0;
    for (const w of words) if (w.length >= 4) pieces.push(this.pieceRowsOf(w));
    this.weights.probabilities(rows, probs, this.extra, pieces, pairRows);

    // Topic probabilities and each topic's best fine intent, in typed arrays (no maps, no sort).
    const topicP = this.topicP;
    const topicBest = this.topicBest;
    topicP.fill(0);
    topicBest.fill(-1);
    for (let i = 0; i < n; i++) {
      const p = probs[i]!;
      const t = this.topicOfIntent[i]!;
      topicP[t]! += p;
      if (topicBest[t]! < 0 || p > probs[topicBest[t]!]!) topicBest[t] = i;
    }
    // The top topic and the runner-up (the first of equals wins, as in a stable sort).
    let top = 0;
    let second = -1;
    for (let t = 1; t < topicP.length; t++) {
      if (topicP[t]! > topicP[top]!) {
        second = top;
        top = t;
      } else if (second < 0 || topicP[t]! > topicP[second]!) {
        second = t;
      }
    }
    let crisisP = 0;
    let crisisTopic = -1;
    for (const t of this.crisisTopics) {
      crisisP += topicP[t]!;
      if (crisisTopic < 0 || topicP[t]! > topicP[crisisTopic]!) crisisTopic = t;
    }
    return {
      top,
      topP: topicP[top]!,
      topBest: topicBest[top]!,
      runnerUpP: second >= 0 ? topicP[second]! : 0,
      crisisP,
      crisisBest: crisisTopic >= 0 ? topicBest[crisisTopic]! : this.intentIds.indexOf('crisis_suicide'),
      probs,
    };
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;

/** The pair rows of all sentences, joined by -1 so no pair crosses a sentence end. */
function pairsOf(sentences: readonly AnalyzedSentence[]): number[] {
  if (sentences.length === 1) return sentences[0]!.pairRows;
  const out: number[] = [];
  for (const s of sentences) {
    if (out.length) out.push(-1);
    out.push(...s.pairRows);
  }
  return out;
}

function vocabularyFrom(terms: string[], words: string[]): Vocabulary {
  const wordsByInitial = new Map<string, string[]>();
  for (const w of words) {
    const list = wordsByInitial.get(w[0]!) ?? [];
    list.push(w);
    wordsByInitial.set(w[0]!, list);
  }
  return { terms: new Set(terms), wordsByInitial };
}
