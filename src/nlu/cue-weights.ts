/**
 * Cue weights: how much each term (a stem, a #concept from the lexicon, a negated term, a word
 * pair) counts toward each intent. The weights are set from the intent examples by multinomial
 * logistic regression: deterministic (fixed order, no randomness), a few hundred milliseconds,
 * and small. A message's score is the sum of the weights of its terms, turned into a probability
 * per intent; the explanation lists the terms that counted most. No network, no large model.
 */

export interface TrainingSet {
  /** Term lists, one per example. */
  examples: string[][];
  /** Intent index per example. */
  labels: number[];
  intents: number;
  /** Fixed log-odds per example and intent (fired cue rules), learned around, never changed. */
  extras?: Float64Array[];
}

export interface CueWeightOptions {
  epochs: number;
  learningRate: number;
  l2: number;
}

export const DEFAULT_CUE_WEIGHT_OPTIONS: CueWeightOptions = { epochs: 24, learningRate: 0.35, l2: 2e-5 };

/** A small deterministic random generator (mulberry32), so training is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Weights this close to zero are left out when scoring: about nine in ten are, and dropping them
 * makes scoring several times faster without changing what the matcher decides.
 */
export const NEGLIGIBLE_WEIGHT = 0.01;

export class CueWeights {
  /** Per-term call stamps, so a term counts once per message without a Set. */
  private readonly stamp: Int32Array;
  private calls = 0;
  /** The same weights without the negligible ones, row by row (compressed sparse rows). */
  private readonly rowStart: Int32Array;
  private readonly cols: Uint16Array;
  private readonly vals: Float32Array;
  /** Word-pair rows by the rows of their two halves ("a+b" → row(a) × stride + row(b)): no strings built or hashed. */
  private readonly pairs = new Map<number, number>();
  private readonly stride: number;

  private constructor(
    /** term -> its row in `matrix` */
    private readonly index: Map<string, number>,
    /** One row of weights per term (row 0 is the bias), `intents` wide. */
    private readonly matrix: Float32Array,
    readonly intents: number,
  ) {
    this.stamp = new Int32Array(index.size + 1);
    const rows = index.size + 1;
    this.rowStart = new Int32Array(rows + 1);
    let kept = 0;
    for (let i = 0; i < matrix.length; i++) if (Math.abs(matrix[i]!) >= NEGLIGIBLE_WEIGHT) kept++;
    this.cols = new Uint16Array(kept);
    this.vals = new Float32Array(kept);
    let at = 0;
    for (let r = 0; r < rows; r++) {
      this.rowStart[r] = at;
      for (let k = 0; k < intents; k++) {
        const v = matrix[r * intents + k]!;
        if (Math.abs(v) < NEGLIGIBLE_WEIGHT) continue;
        this.cols[at] = k;
        this.vals[at++] = v;
      }
    }
    this.rowStart[rows] = at;
    this.stride = rows;
    for (const [term, r] of index) {
      const plus = term.indexOf('+');
      if (plus <= 0) continue;
      // Every half of a pair was a unigram of some example, so it has a row of its own.
      const a = index.get(term.slice(0, plus));
      const b = index.get(term.slice(plus + 1));
      if (a !== undefined && b !== undefined) this.pairs.set(a * this.stride + b, r);
    }
  }

  static train(set: TrainingSet, options: CueWeightOptions = DEFAULT_CUE_WEIGHT_OPTIONS): CueWeights {
    const n = set.intents;
    const index = new Map<string, number>();
    const rows = set.examples.map((terms) =>
      Int32Array.from(new Set(terms), (t) => {
        let r = index.get(t);
        if (r === undefined) {
          r = index.size + 1;
          index.set(t, r);
        }
        return r;
      }),
    );
    const matrix = new Float32Array((index.size + 1) * n);
    const bias = matrix.subarray(0, n);
    // Classes with few examples should not be drowned by large ones.
    const counts = new Float64Array(n);
    for (const y of set.labels) counts[y]!++;
    const mean = set.labels.length / n;
    const classWeight = Float64Array.from(counts, (c) => (c > 0 ? Math.sqrt(mean / c) : 0));

    const order = [...rows.keys()];
    const random = rng(20261123);
    const z = new Float64Array(n);
    for (let epoch = 0; epoch < options.epochs; epoch++) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
      const lr = options.learningRate / (1 + epoch * 0.15);
      for (const e of order) {
        const feats = rows[e]!;
        const y = set.labels[e]!;
        const extra = set.extras?.[e];
        for (let k = 0; k < n; k++) z[k] = bias[k]! + (extra ? extra[k]! : 0);
        for (const r of feats) {
          const off = r * n;
          for (let k = 0; k < n; k++) z[k]! += matrix[off + k]!;
        }
        softmaxInPlace(z);
        const scale = lr * classWeight[y]!;
        // Features of short examples are few: scale the step so each example moves the model alike.
        const perFeature = scale / Math.sqrt(Math.max(1, feats.length));
        for (let k = 0; k < n; k++) {
          const g = z[k]! - (k === y ? 1 : 0);
          bias[k]! -= scale * g * 0.1;
          for (const r of feats) {
            const at = r * n + k;
            matrix[at]! -= perFeature * g + options.l2 * matrix[at]!;
          }
        }
      }
    }
    return new CueWeights(index, matrix, n);
  }

  /** A term's row, looked up once per word by the analyser (see Analyzer.useTermRows); -1 when unknown. */
  rowOf(term: string): number {
    return this.index.get(term) ?? -1;
  }

  /**
   * Per-intent probabilities for a message, written into `out`: its unigrams' rows, the rows of
   * its word pairs (from `pairRows`, the rows of the words that take part in pairs, -1 between
   * sentences), and one vector per word (its spelling pieces). Extra logits (rules) are added
   * first. A term counts once however often it occurs (as in training).
   */
  probabilities(rows: readonly number[], out: Float64Array, extra?: Float64Array, wordVectors?: readonly Float32Array[], pairRows?: readonly number[]): void {
    const n = this.intents;
    const m = this.matrix;
    const stamp = this.stamp;
    for (let k = 0; k < n; k++) out[k] = m[k]! + (extra ? extra[k]! : 0);
    const call = ++this.calls;
    const { rowStart, cols, vals } = this;
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i]!;
      if (r < 0 || stamp[r] === call) continue;
      stamp[r] = call;
      for (let j = rowStart[r]!, end = rowStart[r + 1]!; j < end; j++) out[cols[j]!]! += vals[j]!;
    }
    if (pairRows) {
      for (let i = 1; i < pairRows.length; i++) {
        const a = pairRows[i - 1]!;
        const b = pairRows[i]!;
        if (a < 0 || b < 0) continue;
        const r = this.pairs.get(a * this.stride + b);
        if (r === undefined || stamp[r] === call) continue;
        stamp[r] = call;
        for (let j = rowStart[r]!, end = rowStart[r + 1]!; j < end; j++) out[cols[j]!]! += vals[j]!;
      }
    }
    // A word's spelling pieces come summed per word (see sumOf): one short vector per word.
    if (wordVectors) for (const v of wordVectors) for (let k = 0; k < n; k++) out[k]! += v[k]!;
    softmaxInPlace(out);
  }

  /** The summed weights of a set of terms (each counted once): a word's spelling pieces, say. */
  sumOf(terms: readonly string[]): Float32Array {
    const sum = new Float32Array(this.intents);
    for (const t of new Set(terms)) {
      const r = this.index.get(t);
      if (r === undefined) continue;
      for (let j = this.rowStart[r]!, end = this.rowStart[r + 1]!; j < end; j++) sum[this.cols[j]!]! += this.vals[j]!;
    }
    return sum;
  }

  has(term: string): boolean {
    return this.index.has(term);
  }

  /** The terms that pushed most toward `intent`, for explanations. */
  strongest(terms: Iterable<string>, intent: number, limit = 6): Array<{ term: string; weight: number }> {
    const out: Array<{ term: string; weight: number }> = [];
    for (const t of new Set(terms)) {
      if (t.startsWith('~')) continue; // spelling pieces say little to a reader
      const r = this.index.get(t);
      if (r === undefined) continue;
      const w = this.matrix[r * this.intents + intent]!;
      if (w > 0.05) out.push({ term: t, weight: Math.round(w * 100) / 100 });
    }
    return out.sort((a, b) => b.weight - a.weight).slice(0, limit);
  }

  get size(): number {
    return this.index.size;
  }

  /**
   * A compact binary form (terms as JSON, weights as float32), so a trained model can be cached
   * and the service starts without training. Training is deterministic, so the cache only saves time.
   */
  serialize(meta: unknown = null): Buffer {
    const terms: string[] = new Array(this.index.size);
    for (const [t, r] of this.index) terms[r - 1] = t;
    const head = Buffer.from(JSON.stringify({ v: 2, intents: this.intents, terms, meta }), 'utf8');
    const len = Buffer.alloc(4);
    len.writeUInt32LE(head.length, 0);
    return Buffer.concat([len, head, Buffer.from(this.matrix.buffer, this.matrix.byteOffset, this.matrix.byteLength)]);
  }

  static deserialize(buf: Buffer): { weights: CueWeights; meta: unknown } {
    const headLen = buf.readUInt32LE(0);
    const head = JSON.parse(buf.subarray(4, 4 + headLen).toString('utf8')) as { v: number; intents: number; terms: string[]; meta: unknown };
    if (head.v !== 2) throw new Error('unknown cue weight format');
    const bytes = buf.subarray(4 + headLen);
    const matrix = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (matrix.length !== (head.terms.length + 1) * head.intents) throw new Error('cue weight file is truncated');
    const index = new Map<string, number>();
    head.terms.forEach((t, i) => index.set(t, i + 1));
    return { weights: new CueWeights(index, matrix, head.intents), meta: head.meta };
  }
}

function softmaxInPlace(z: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) if (z[k]! > max) max = z[k]!;
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    const e = Math.exp(z[k]! - max);
    z[k] = e;
    sum += e;
  }
  for (let k = 0; k < z.length; k++) z[k]! /= sum;
}
