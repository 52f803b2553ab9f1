/**
 * The NLP.js baseline (a dev dependency): trained on exactly the same `examples:` lists, so the
 * report and the benchmark compare like with like. Not used by the bot.
 */
import type { IntentFile } from '../content/schema.js';
import type { Prediction } from './report.js';

interface NlpManager {
  addLanguage(l: string): void;
  addDocument(l: string, text: string, intent: string): void;
  train(): Promise<void>;
  process(l: string, text: string): Promise<{ intent: string; score: number }>;
}

export interface Baseline {
  process(text: string): Promise<{ intent: string; score: number }>;
  predict(text: string): Promise<Prediction>;
  trainMs: number;
}

export async function trainNlpJsBaseline(intents: Iterable<IntentFile>): Promise<Baseline> {
  const { dockStart } = (await import('@nlpjs/basic')) as { dockStart: (s: object) => Promise<{ get(n: string): NlpManager }> };
  // NLP.js prints every training epoch and warnings on stdout; keep stdout for our own output.
  const log = console.log;
  const write = process.stdout.write;
  console.log = () => undefined;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await train(dockStart, intents);
  } finally {
    console.log = log;
    process.stdout.write = write;
  }
}

async function train(dockStart: (s: object) => Promise<{ get(n: string): NlpManager }>, intents: Iterable<IntentFile>): Promise<Baseline> {
  const started = performance.now();
  const dock = await dockStart({ use: ['Basic', 'LangNl'], settings: { nlp: { languages: ['nl'], forceNER: false, autoSave: false, autoLoad: false, log: false } } });
  const nlp = dock.get('nlp');
  nlp.addLanguage('nl');
  const topicOf = new Map<string, string>();
  for (const intent of intents) {
    topicOf.set(intent.id, intent.topic ?? intent.id);
    for (const ex of intent.examples) nlp.addDocument('nl', ex, intent.id);
  }
  await nlp.train();
  const trainMs = performance.now() - started;
  return {
    trainMs,
    process: (text) => nlp.process('nl', text),
    async predict(text) {
      const r = await nlp.process('nl', text);
      return { intent: !r.intent || r.intent === 'None' ? 'out_of_scope' : (topicOf.get(r.intent) ?? r.intent) };
    },
  };
}
