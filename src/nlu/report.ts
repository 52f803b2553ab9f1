/**
 * The honest measuring stick: the matcher against the held-back list (tests/nlu/held-back.tsv,
 * written apart from the examples) and the out-of-domain list, with the figures the issue asks
 * for, and the same figures for any other system (the NLP.js baseline) on the same rows.
 */
import { readFileSync } from 'node:fs';
import { CRISIS_INTENTS, PUBLIC_INTENTS } from '../content/public-intents.js';
import type { Matcher } from './matcher.js';

export interface EvalRow {
  text: string;
  /** Acceptable public intent ids; ["out_of_scope"] for out-of-domain rows. */
  accept: string[];
  outOfDomain: boolean;
}

export function loadEvalRows(heldBackTsv: string, outOfDomainTxt: string): EvalRow[] {
  const rows: EvalRow[] = [];
  const lines = readFileSync(heldBackTsv, 'utf8').split('\n').slice(1);
  for (const line of lines) {
    if (!line.trim()) continue;
    const [text, ids] = line.split('\t');
    if (!text || !ids) throw new Error(`held-back row without a tab: ${line.slice(0, 40)}`);
    rows.push({ text, accept: ids.split(',').map((s) => s.trim()), outOfDomain: false });
  }
  for (const line of readFileSync(outOfDomainTxt, 'utf8').split('\n')) {
    if (line.trim()) rows.push({ text: line, accept: ['out_of_scope'], outOfDomain: true });
  }
  return rows;
}

/** What a system answered: a public intent id, "out_of_scope", or "unsure" (asks "Bedoel je …?"). */
export interface Prediction {
  intent: string;
  /** For "unsure": the intent it would ask about. */
  guess?: string;
}

export interface IntentFigures {
  intent: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface Confusion {
  expected: string;
  predicted: string;
  count: number;
  examples: string[];
}

export interface SystemFigures {
  name: string;
  rows: { inDomain: number; outOfDomain: number };
  /** In-domain rows answered with an acceptable intent. */
  accuracy: number;
  /** crisis_suicide / acute_danger rows answered as one of the two. */
  crisisRecall: number;
  /** All other rows answered as crisis. */
  falseCrisisRate: number;
  /** Out-of-domain rows answered with a topic. */
  oodFalseAccept: number;
  /** Out-of-domain rows where the bot would ask "Bedoel je …?". */
  oodUnsure: number;
  /** In-domain rows answered "not understood" or "unsure". */
  abstainRate: number;
  perIntent: IntentFigures[];
  confusions: Confusion[];
}

const isCrisis = (id: string) => (CRISIS_INTENTS as readonly string[]).includes(id);

export function evaluate(name: string, rows: readonly EvalRow[], predict: (text: string) => Prediction): SystemFigures {
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const support = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const confusions = new Map<string, Confusion>();
  let inDomain = 0;
  let ood = 0;
  let correct = 0;
  let abstain = 0;
  let crisisRows = 0;
  let crisisHit = 0;
  let otherRows = 0;
  let falseCrisis = 0;
  let oodAccept = 0;
  let oodUnsure = 0;

  for (const row of rows) {
    const p = predict(row.text);
    const predicted = p.intent === 'unsure' ? 'out_of_scope' : p.intent;
    const ok = row.accept.includes(predicted);
    inc(support, row.accept[0]!);
    if (ok) inc(tp, predicted);
    else {
      inc(fn, row.accept[0]!);
      inc(fp, predicted);
      const key = `${row.accept[0]} → ${p.intent === 'unsure' ? `unsure(${p.guess ?? '?'})` : p.intent}`;
      const c = confusions.get(key) ?? { expected: row.accept[0]!, predicted: p.intent === 'unsure' ? `unsure(${p.guess ?? '?'})` : p.intent, count: 0, examples: [] };
      c.count++;
      if (c.examples.length < 3) c.examples.push(row.text);
      confusions.set(key, c);
    }
    const rowIsCrisis = row.accept.some(isCrisis);
    if (rowIsCrisis) {
      crisisRows++;
      if (isCrisis(p.intent)) crisisHit++;
    } else {
      otherRows++;
      if (isCrisis(p.intent)) falseCrisis++;
    }
    if (row.outOfDomain) {
      ood++;
      if (p.intent === 'unsure') oodUnsure++;
      else if (p.intent !== 'out_of_scope') oodAccept++;
    } else {
      inDomain++;
      if (ok) correct++;
      if (p.intent === 'unsure' || p.intent === 'out_of_scope') abstain++;
    }
  }

  const perIntent = PUBLIC_INTENTS.map((intent) => {
    const t = tp.get(intent) ?? 0;
    const precision = t + (fp.get(intent) ?? 0) === 0 ? 0 : t / (t + (fp.get(intent) ?? 0));
    const recall = t + (fn.get(intent) ?? 0) === 0 ? 0 : t / (t + (fn.get(intent) ?? 0));
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { intent, precision: r3(precision), recall: r3(recall), f1: r3(f1), support: support.get(intent) ?? 0 };
  });

  return {
    name,
    rows: { inDomain, outOfDomain: ood },
    accuracy: r3(correct / Math.max(1, inDomain)),
    crisisRecall: r3(crisisHit / Math.max(1, crisisRows)),
    falseCrisisRate: r3(falseCrisis / Math.max(1, otherRows)),
    oodFalseAccept: r3(oodAccept / Math.max(1, ood)),
    oodUnsure: r3(oodUnsure / Math.max(1, ood)),
    abstainRate: r3(abstain / Math.max(1, inDomain)),
    perIntent,
    confusions: [...confusions.values()].sort((a, b) => b.count - a.count).slice(0, 20),
  };
}

/** Our matcher as a predictor: matched → its public topic, unsure → "unsure", none → out_of_scope. */
export function matcherPredictor(matcher: Matcher): (text: string) => Prediction {
  return (text) => {
    const m = matcher.match(text);
    if (m.type === 'matched') return { intent: m.topic };
    if (m.type === 'unsure') return { intent: 'unsure', ...(m.candidates[0] ? { guess: m.candidates[0].topic } : {}) };
    return { intent: 'out_of_scope' };
  };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** A plain-text report, ours beside the baselines. */
export function formatReport(systems: SystemFigures[]): string {
  const out: string[] = [];
  const head = ['', ...systems.map((s) => s.name)];
  const line = (label: string, f: (s: SystemFigures) => string) => [label, ...systems.map(f)];
  const table = [
    head,
    line('in-domain rows', (s) => String(s.rows.inDomain)),
    line('out-of-domain rows', (s) => String(s.rows.outOfDomain)),
    line('top-1 accuracy (in-domain)', (s) => pct(s.accuracy)),
    line('crisis recall', (s) => pct(s.crisisRecall)),
    line('false-crisis rate', (s) => pct(s.falseCrisisRate)),
    line('out-of-domain false accept', (s) => pct(s.oodFalseAccept)),
    line('out-of-domain "Bedoel je…?"', (s) => pct(s.oodUnsure)),
    line('abstain rate (in-domain)', (s) => pct(s.abstainRate)),
  ];
  const widths = head.map((_, i) => Math.max(...table.map((r) => r[i]!.length)));
  for (const r of table) out.push(r.map((c, i) => c.padEnd(widths[i]!)).join('  '));
  out.push('');
  out.push('per intent (precision / recall / F1, support):');
  const ours = systems[0]!;
  for (const fig of ours.perIntent) {
    const others = systems.slice(1).map((s) => s.perIntent.find((p) => p.intent === fig.intent)!);
    out.push(
      `  ${fig.intent.padEnd(24)} ${fmt(fig)}  n=${String(fig.support).padStart(3)}${others.map((o, i) => `   ${systems[i + 1]!.name}: ${fmt(o)}`).join('')}`,
    );
  }
  for (const s of systems) {
    out.push('');
    out.push(`most frequent confusions (${s.name}):`);
    for (const c of s.confusions) out.push(`  ${String(c.count).padStart(3)}  ${c.expected} → ${c.predicted}   e.g. "${c.examples[0]}"`);
  }
  return out.join('\n');
}

const fmt = (f: IntentFigures) => `${f.precision.toFixed(2)} / ${f.recall.toFixed(2)} / ${f.f1.toFixed(2)}`;
