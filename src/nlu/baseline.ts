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
  return quiet(() => train(dockStart, intents));
}

/** NLP.js prints training epochs and warnings on stdout; keep stdout for our own output. */
async function quiet<T>(fn: () => Promise<T>): Promise<T> {
  const log = console.log;
  const write = process.stdout.write;
  console.log = () => undefined;
  process.stdout.write = (() => true) as typeof process.stdout.write;
  try {
    return await fn();
  } finally {
    console.log = log;
    process.stdout.write = write;
  }
}

async function train(dockStart: (s: object) => Promise<{ get(n: string): NlpManager }>, intents: Iterable<IntentFile>): Promise<Baseline> {
  const started = performance.now();
  const dock = await dockStart({ use: ['Basic', 'LangNl'], settings: { nlp: { languages: ['nl'], forceNER: false, autoSave: false, autoLoad: false, log: false } } });
  // Its logger writes warnings straight to stdout (an utterance of only stop words, "?"): silence it.
  const silent = { debug() {}, info() {}, warn() {}, error() {}, log() {}, trace() {}, fatal() {} };
  (dock as unknown as { getContainer(): { register(name: string, value: unknown, singleton: boolean): void } }).getContainer().register('logger', silent, true);
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
    process: (text) => quiet(() => nlp.process('nl', text)),
    async predict(text) {
      const r = await quiet(() => nlp.process('nl', text));
      return { intent: !r.intent || r.intent === 'None' ? 'out_of_scope' : (topicOf.get(r.intent) ?? r.intent) };
    },
  };
}
