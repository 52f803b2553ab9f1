/**
 * The nearest example of an intent to a message (cosine over terms weighted by rarity), for
 * explanations only: "this looked most like: '…'". Not used to decide.
 */
export class NearestExamples {
  private readonly idf = new Map<string, number>();
  private readonly byIntent = new Map<number, Array<{ text: string; terms: Map<string, number>; norm: number }>>();

  constructor(examples: string[][], labels: number[], texts: string[]) {
    const df = new Map<string, number>();
    for (const terms of examples) for (const t of new Set(terms)) df.set(t, (df.get(t) ?? 0) + 1);
    for (const [t, d] of df) this.idf.set(t, Math.log(1 + examples.length / d));
    examples.forEach((terms, e) => {
      const weighted = new Map<string, number>();
      let sq = 0;
      for (const t of new Set(terms)) {
        const w = this.idf.get(t)!;
        weighted.set(t, w);
        sq += w * w;
      }
      const list = this.byIntent.get(labels[e]!) ?? [];
      list.push({ text: texts[e]!, terms: weighted, norm: Math.sqrt(sq) || 1 });
      this.byIntent.set(labels[e]!, list);
    });
  }

  find(terms: readonly string[], intent: number): { text: string; similarity: number } | undefined {
    const q = new Map<string, number>();
    let sq = 0;
    for (const t of new Set(terms)) {
      const w = this.idf.get(t) ?? 0;
      q.set(t, w);
      sq += w * w;
    }
    const qnorm = Math.sqrt(sq) || 1;
    let best: { text: string; similarity: number } | undefined;
    for (const ex of this.byIntent.get(intent) ?? []) {
      let dot = 0;
      for (const [t, w] of q) {
        const v = ex.terms.get(t);
        if (v) dot += v * w;
      }
      const similarity = dot / (qnorm * ex.norm);
      if (!best || similarity > best.similarity) best = { text: ex.text, similarity };
    }
    return best;
  }
}
