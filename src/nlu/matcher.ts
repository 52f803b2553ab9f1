/**
 * The rule-based Dutch intent matcher. Explainable by construction: a message's terms are compared
 * with every intent's examples (nearest example) and with each intent as a whole (its centroid),
 * both weighted by how specific a term is to few intents (IDF). The crisis detector runs first.
 * When unsure it says so: `unsure` with candidates, or `none` (out_of_scope).
 */
import type { IntentFile } from '../content/schema.js';
import type { Lexicon } from '../content/load.js';
import { isPublicIntent, URGENCY, type PublicIntent } from '../content/public-intents.js';
import { Analyzer, type Vocabulary } from './analyze.js';
import { CrisisDetector } from './crisis.js';
import { compileLexicon } from './lexicon.js';

export interface Candidate {
  intent: string;
  /** The public id of shared/intents.md this intent belongs to. */
  topic: PublicIntent;
  score: number;
}

interface Explained {
  normalized: string;
  candidates: Candidate[];
  /** What fired, in words: lexicon rules, crisis phrases, nearest examples, thresholds. */
  rules: string[];
}

/** The matcher's outcome. `none` means out_of_scope: the bot says it did not understand. */
export type MatchResult =
  | ({ type: 'matched'; intent: string; topic: PublicIntent; score: number; via: 'crisis' | 'classifier' } & Explained)
  | ({ type: 'unsure' } & Explained)
  | ({ type: 'none' } & Explained);

export interface MatcherOptions {
  /** At or above: matched. */
  matchThreshold: number;
  /** At or above (and below match): unsure, the bot checks "Bedoel je …?". */
  unsureThreshold: number;
  /** Two different topics closer than this: unsure. */
  minMargin: number;
  /** A crisis intent on top at or above this is crisis, even below matchThreshold (recall first). */
  crisisThreshold: number;
  /** Share of the score from the nearest example; the rest from the intent's centroid. */
  nearestWeight: number;
}

export const DEFAULT_MATCHER_OPTIONS: MatcherOptions = {
  matchThreshold: 0.42,
  unsureThreshold: 0.3,
  minMargin: 0.04,
  crisisThreshold: 0.3,
  nearestWeight: 0.6,
};

const OUT_OF_SCOPE = 'out_of_scope';

interface Scored {
  scores: Float64Array;
  /** Index of the nearest example per intent (for explanations). */
  nearest: Int32Array;
}

export class Matcher {
  readonly analyzer: Analyzer;
  private readonly crisis: CrisisDetector;
  private readonly intentIds: string[];
  private readonly topics: PublicIntent[];
  private readonly exampleIntent: Int32Array;
  private readonly exampleText: string[];
  private readonly exampleNorm: Float64Array;
  /** term -> examples that hold it. */
  private readonly postings = new Map<string, Int32Array>();
  /** term -> per-intent centroid weight (already divided by the centroid's norm). */
  private readonly centroid = new Map<string, Float64Array>();
  private readonly idf = new Map<string, number>();
  private readonly unknownIdf: number;
  private readonly dot: Float64Array;

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

    // Pass 1: learn the vocabulary with plain stemming.
    const vocab: Vocabulary = { terms: new Set(), wordsByInitial: new Map() };
    const surface = new Set<string>();
    for (const intent of intents) {
      for (const ex of intent.examples) {
        for (const s of this.analyzer.analyze(ex).sentences) {
          s.terms.forEach((t) => vocab.terms.add(t.replace(/^!/, '')));
          s.words.forEach((w) => {
            if (/^\p{L}{3,}$/u.test(w)) surface.add(w);
          });
        }
      }
    }
    for (const w of surface) {
      const list = vocab.wordsByInitial.get(w[0]!) ?? [];
      list.push(w);
      vocab.wordsByInitial.set(w[0]!, list);
    }
    this.analyzer.freeze(vocab);

    // Pass 2: example term sets, document frequency per intent.
    const exampleTerms: Array<Set<string>> = [];
    const intentOf: number[] = [];
    this.exampleText = [];
    const df = new Map<string, Set<number>>();
    intents.forEach((intent, ii) => {
      for (const ex of intent.examples) {
        const terms = new Set(this.analyzer.analyze(ex).sentences.flatMap((s) => s.terms));
        exampleTerms.push(terms);
        intentOf.push(ii);
        this.exampleText.push(ex);
        for (const t of terms) {
          const set = df.get(t) ?? new Set<number>();
          set.add(ii);
          df.set(t, set);
        }
      }
    });
    const n = intents.length;
    for (const [t, set] of df) this.idf.set(t, Math.log((n + 1) / (set.size + 0.5)));
    this.unknownIdf = Math.log((n + 1) / 1.5) * 0.5;

    this.exampleIntent = Int32Array.from(intentOf);
    this.exampleNorm = new Float64Array(exampleTerms.length);
    const postingLists = new Map<string, number[]>();
    exampleTerms.forEach((terms, e) => {
      let sq = 0;
      for (const t of terms) {
        const w = this.idf.get(t)!;
        sq += w * w;
        const list = postingLists.get(t) ?? [];
        list.push(e);
        postingLists.set(t, list);
      }
      this.exampleNorm[e] = Math.sqrt(sq) || 1;
    });
    for (const [t, list] of postingLists) this.postings.set(t, Int32Array.from(list));

    // Centroids: share of an intent's examples holding the term, times IDF, normalised per intent.
    const perIntent = intents.map(() => new Map<string, number>());
    exampleTerms.forEach((terms, e) => {
      const m = perIntent[intentOf[e]!]!;
      for (const t of terms) m.set(t, (m.get(t) ?? 0) + 1);
    });
    perIntent.forEach((m, ii) => {
      const count = intents[ii]!.examples.length;
      let sq = 0;
      const weights = new Map<string, number>();
      for (const [t, c] of m) {
        const w = (c / count) * this.idf.get(t)!;
        weights.set(t, w);
        sq += w * w;
      }
      const norm = Math.sqrt(sq) || 1;
      for (const [t, w] of weights) {
        const arr = this.centroid.get(t) ?? new Float64Array(n);
        arr[ii] = w / norm;
        this.centroid.set(t, arr);
      }
    });
    this.dot = new Float64Array(exampleTerms.length);
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

  match(text: string, opts: { explain?: boolean } = {}): MatchResult {
    const explain = opts.explain ?? false;
    const analysis = this.analyzer.analyze(text, explain);
    const rules = explain ? analysis.notes.map((n) => `lexicon: ${n}`) : [];
    const normalized = analysis.normalized;

    const hit = this.crisis.detect(analysis.sentences.map((s) => s.words));
    const whole = this.score(analysis.sentences.flatMap((s) => s.terms));
    const candidates = this.candidates(whole.scores);

    if (hit) {
      if (explain) rules.push(`crisis phrase: '${hit.pattern}'`);
      return { type: 'matched', intent: hit.intent, topic: hit.intent, score: 1, via: 'crisis', normalized, candidates, rules };
    }

    // Several sentences: the most urgent confident one wins over the whole message's average.
    let best = candidates;
    let bestScored = whole;
    if (analysis.sentences.length > 1) {
      for (let s = 0; s < analysis.sentences.length; s++) {
        const scored = this.score(analysis.sentences[s]!.terms);
        const c = this.candidates(scored.scores);
        const top = c[0];
        if (!top || top.topic === OUT_OF_SCOPE || top.score < this.options.matchThreshold) continue;
        const cur = best[0];
        const curConfident = cur && cur.topic !== OUT_OF_SCOPE && cur.score >= this.options.matchThreshold;
        if (!curConfident || URGENCY[top.topic] < URGENCY[cur.topic] || (URGENCY[top.topic] === URGENCY[cur.topic] && top.score > cur.score)) {
          best = c;
          bestScored = scored;
          if (explain) rules.push(`sentence ${s + 1} of ${analysis.sentences.length}: ${top.intent} ${top.score.toFixed(2)}`);
        }
      }
    }

    const top = best[0];
    const second = best.find((c) => c.topic !== top?.topic);
    if (explain && top) {
      const ii = this.intentIds.indexOf(top.intent);
      const e = bestScored.nearest[ii]!;
      if (e >= 0) rules.push(`nearest example of ${top.intent}: '${this.exampleText[e]}'`);
    }
    const o = this.options;
    if (!top || top.topic === OUT_OF_SCOPE) {
      if (explain) rules.push(top ? `closest to out_of_scope examples (${top.score.toFixed(2)})` : 'no known words');
      return { type: 'none', normalized, candidates: best, rules };
    }
    if ((top.topic === 'crisis_suicide' || top.topic === 'acute_danger') && top.score >= o.crisisThreshold) {
      if (explain) rules.push(`crisis by similarity ≥ ${o.crisisThreshold}`);
      return { type: 'matched', intent: top.intent, topic: top.topic, score: top.score, via: 'classifier', normalized, candidates: best, rules };
    }
    const margin = second ? top.score - second.score : top.score;
    if (top.score >= o.matchThreshold && margin >= o.minMargin) {
      if (explain) rules.push(`score ${top.score.toFixed(2)} ≥ ${o.matchThreshold}, margin ${margin.toFixed(2)}`);
      return { type: 'matched', intent: top.intent, topic: top.topic, score: top.score, via: 'classifier', normalized, candidates: best, rules };
    }
    if (top.score >= o.unsureThreshold) {
      if (explain) rules.push(`unsure: score ${top.score.toFixed(2)}, margin ${margin.toFixed(2)}`);
      return { type: 'unsure', normalized, candidates: best, rules };
    }
    if (explain) rules.push(`score ${top.score.toFixed(2)} < ${o.unsureThreshold}: not understood`);
    return { type: 'none', normalized, candidates: best, rules };
  }

  private candidates(scores: Float64Array): Candidate[] {
    const order = [...scores.keys()].sort((a, b) => scores[b]! - scores[a]!);
    return order
      .slice(0, 3)
      .filter((i) => scores[i]! > 0)
      .map((i) => ({ intent: this.intentIds[i]!, topic: this.topics[i]!, score: round(scores[i]!) }));
  }

  /** Nearest-example and centroid cosine per intent, blended. */
  private score(termList: readonly string[]): Scored {
    const n = this.intentIds.length;
    const scores = new Float64Array(n);
    const nearest = new Int32Array(n).fill(-1);
    const terms = new Set(termList);
    if (terms.size === 0) return { scores, nearest };
    let qsq = 0;
    const touched: number[] = [];
    const centroidDot = new Float64Array(n);
    for (const t of terms) {
      const w = this.idf.get(t);
      if (w === undefined) {
        // Unknown words dilute the match a little: a message full of other things is less sure.
        if (!t.includes('+')) qsq += this.unknownIdf * this.unknownIdf;
        continue;
      }
      qsq += w * w;
      const post = this.postings.get(t)!;
      for (let k = 0; k < post.length; k++) {
        const e = post[k]!;
        if (this.dot[e] === 0) touched.push(e);
        this.dot[e]! += w * w;
      }
      const c = this.centroid.get(t)!;
      for (let i = 0; i < n; i++) centroidDot[i]! += c[i]! * w;
    }
    const qnorm = Math.sqrt(qsq) || 1;
    const best = new Float64Array(n);
    for (const e of touched) {
      const cos = this.dot[e]! / (qnorm * this.exampleNorm[e]!);
      this.dot[e] = 0;
      const ii = this.exampleIntent[e]!;
      if (cos > best[ii]!) {
        best[ii] = cos;
        nearest[ii] = e;
      }
    }
    const a = this.options.nearestWeight;
    for (let i = 0; i < n; i++) scores[i] = a * best[i]! + (1 - a) * (centroidDot[i]! / qnorm);
    return { scores, nearest };
  }
}

const round = (x: number) => Math.round(x * 1000) / 1000;
