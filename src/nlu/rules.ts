/**
 * Cue rules (intents/lexicon/rules.yml): readable combinations of concepts that are strong evidence
 * for an intent, whatever the wording around them: an image + a threat is sextortion, a professional
 * + a suspicion is worker_report. A rule adds fixed log-odds (weight × scale) to its intent, in
 * training and in use alike, so the cue weights learn the rest around it; every rule that fires is
 * named in the explanation.
 */
import type { RulesLexicon } from '../content/schema.js';
import type { Analyzer } from './analyze.js';
import { conceptToken } from './lexicon.js';

interface CompiledRule {
  intent: number;
  /** Every group must have one of its alternatives; an alternative is a set of terms that must all occur. */
  groups: string[][][];
  unless: string[][];
  maxWords: number;
  weight: number;
  why: string;
}

export class CueRules {
  private readonly rules: CompiledRule[] = [];
  /** Rules by every term of their first group, so a message only checks rules it can fire. */
  private readonly byTerm = new Map<string, CompiledRule[]>();
  private readonly seen = new Set<CompiledRule>();
  private readonly present = new Set<string>();

  constructor(lexicon: RulesLexicon, analyzer: Analyzer, intentIndex: (id: string) => number) {
    const alternative = (entry: string): string[] => {
      if (entry.startsWith('#')) {
        const concept = conceptToken(entry.slice(1));
        if (!analyzer.hasConcept(concept)) throw new Error(`rules.yml: unknown concept '${entry}' (see synonyms.yml)`);
        return [concept];
      }
      const negated = entry.startsWith('!');
      const words = analyzer.analyze(negated ? entry.slice(1) : entry).sentences.flatMap((s) => s.terms).filter((t) => !t.includes('+'));
      return negated ? words.map((w) => (w.startsWith('!') ? w : `!${w}`)) : words;
    };
    for (const r of lexicon.rules) {
      const intent = intentIndex(r.intent);
      if (intent < 0) throw new Error(`rules.yml: unknown intent '${r.intent}'`);
      const rule: CompiledRule = {
        intent,
        groups: r.when.map((g) => (Array.isArray(g) ? g : [g]).map(alternative).filter((a) => a.length > 0)),
        unless: (r.unless ?? []).map(alternative).filter((a) => a.length > 0),
        maxWords: r.maxWords ?? Infinity,
        weight: r.weight,
        why: r.why ?? r.when.map((g) => (Array.isArray(g) ? g.join('|') : g)).join(' + '),
      };
      this.rules.push(rule);
      for (const alt of rule.groups[0] ?? []) {
        const key = alt[0]!;
        const list = this.byTerm.get(key) ?? [];
        list.push(rule);
        this.byTerm.set(key, list);
      }
    }
  }

  get size(): number {
    return this.rules.length;
  }

  /** Adds fired rules' weight × scale to `logits` (per intent, in place); collects what fired when asked. */
  apply(terms: readonly string[], logits: Float64Array, fired: Array<{ intent: number; why: string }> | undefined, scale: number): void {
    this.seen.clear();
    let present: Set<string> | undefined;
    let words = -1;
    for (const t of terms) {
      const candidates = this.byTerm.get(t);
      if (!candidates) continue;
      if (!present) {
        // Built only when some rule could fire: most messages never need it.
        present = this.present;
        present.clear();
        for (const x of terms) present.add(x);
      }
      for (const rule of candidates) {
        if (this.seen.has(rule)) continue;
        this.seen.add(rule);
        const has = present;
        if (rule.maxWords !== Infinity) {
          if (words < 0) words = terms.filter((x) => !x.includes('+') && !x.startsWith('~')).length;
          if (words > rule.maxWords) continue;
        }
        if (!rule.groups.every((g) => g.some((alt) => alt.every((x) => has.has(x))))) continue;
        if (rule.unless.some((alt) => alt.every((x) => has.has(x)))) continue;
        logits[rule.intent]! += rule.weight * scale;
        fired?.push({ intent: rule.intent, why: rule.why });
      }
    }
  }

}
