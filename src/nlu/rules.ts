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
  index: number;
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
  /** Rules by one term of each alternative of their first group, so a message only checks rules it can fire. */
  private readonly byTerm = new Map<string, CompiledRule[]>();
  /** Per-rule call stamps: a rule is checked once per message without a set. */
  private stamp = new Int32Array(0);
  private calls = 0;

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
        index: this.rules.length,
        intent,
        groups: r.when.map((g) => (Array.isArray(g) ? g : [g]).map(alternative).filter((a) => a.length > 0)),
        unless: (r.unless ?? []).map(alternative).filter((a) => a.length > 0),
        maxWords: r.maxWords ?? Infinity,
        weight: r.weight,
        why: r.why ?? r.when.map((g) => (Array.isArray(g) ? g.join('|') : g)).join(' + '),
      };
      this.rules.push(rule);
      for (const alt of rule.groups[0] ?? []) {
        // Every term of an alternative must occur: look it up by its longest ("ik werk" by "werk",
        // not "ik"), so common little words do not make every message check the rule.
        const key = alt.reduce((best, t) => (t.length >= best.length ? t : best));
        const list = this.byTerm.get(key) ?? [];
        list.push(rule);
        this.byTerm.set(key, list);
      }
    }
    this.stamp = new Int32Array(this.rules.length);
  }

  get size(): number {
    return this.rules.length;
  }

  /** Adds fired rules' weight × scale to `logits` (per intent, in place); collects what fired when asked. */
  apply(terms: readonly string[], logits: Float64Array, fired: Array<{ intent: number; why: string }> | undefined, scale: number): void {
    const call = ++this.calls;
    let words = -1;
    for (const t of terms) {
      const candidates = this.byTerm.get(t);
      if (candidates === undefined) continue;
      for (const rule of candidates) {
        if (this.stamp[rule.index] === call) continue;
        this.stamp[rule.index] = call;
        if (rule.maxWords !== Infinity) {
          if (words < 0) words = countWords(terms);
          if (words > rule.maxWords) continue;
        }
        if (!fires(rule, terms)) continue;
        logits[rule.intent]! += rule.weight * scale;
        fired?.push({ intent: rule.intent, why: rule.why });
      }
    }
  }
}

/** Messages hold a dozen terms or so: a plain scan beats building a set for each. */
function hasAll(terms: readonly string[], alternative: readonly string[]): boolean {
  for (const x of alternative) if (!terms.includes(x)) return false;
  return true;
}

function fires(rule: CompiledRule, terms: readonly string[]): boolean {
  for (const group of rule.groups) {
    let any = false;
    for (const alt of group) {
      if (hasAll(terms, alt)) {
        any = true;
        break;
      }
    }
    if (!any) return false;
  }
  for (const alt of rule.unless) if (hasAll(terms, alt)) return false;
  return true;
}

/** Unigrams only: word pairs and spelling pieces are not words. */
function countWords(terms: readonly string[]): number {
  let n = 0;
  for (const x of terms) if (!x.includes('+') && !x.startsWith('~')) n++;
  return n;
}
