/**
 * "Tests en kwaliteit": the golden transcripts (tests/conversations/*.yml) run against the bot's
 * content, and the NLU report (tests/nlu/held-back.tsv + out-of-domain.txt) for our matcher beside
 * the NLP.js baseline. NLP.js is a dev dependency: where it is not installed (production) the report
 * shows ours only and says so. Content does not change while the process runs, so the report is
 * computed once, on first request (training NLP.js takes about a second), and kept.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Bot } from '../core/bot.js';
import { Conversation } from '../core/conversation.js';
import type { IntentFile } from '../content/schema.js';
import { trainNlpJsBaseline, type Baseline } from '../nlu/baseline.js';
import { evaluate, loadEvalRows, matcherPredictor, type Prediction, type SystemFigures } from '../nlu/report.js';
import { loadTranscripts, runTranscript, type TranscriptResult } from '../transcripts/transcript.js';

export interface BaselineStatus {
  name: string;
  installed: boolean;
  trainMs?: number;
  /** Why there are no figures, when installed but failing. */
  error?: string;
}

export type NluReport =
  | { available: true; rows: { inDomain: number; outOfDomain: number }; systems: SystemFigures[]; baseline: BaselineStatus }
  | { available: false; reason: string };

export type TranscriptsReport =
  | { available: true; total: number; passed: number; failed: number; results: TranscriptResult[] }
  | { available: false; reason: string };

export interface StudioReport {
  nlu: NluReport;
  transcripts: TranscriptsReport;
  /** How long computing took (ms). */
  tookMs: number;
}

export interface ReportOptions {
  bot: Bot;
  /** The project root holding tests/conversations and tests/nlu. */
  root: string;
  /** Replaceable for tests ("not installed"). */
  trainBaseline?: (intents: Iterable<IntentFile>) => Promise<Baseline>;
}

const isMissingModule = (err: unknown) => {
  const code = (err as { code?: string } | undefined)?.code;
  return code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND';
};

export async function computeReport(opts: ReportOptions): Promise<StudioReport> {
  const started = performance.now();
  const transcripts = runAllTranscripts(opts);
  const nlu = await nluReport(opts);
  return { nlu, transcripts, tookMs: Math.round(performance.now() - started) };
}

function runAllTranscripts({ bot, root }: ReportOptions): TranscriptsReport {
  const dir = join(root, 'tests', 'conversations');
  if (!existsSync(dir)) return { available: false, reason: `no ${dir}` };
  let files;
  try {
    files = loadTranscripts(dir);
  } catch (err) {
    return { available: false, reason: (err as Error).message };
  }
  const results = files.map(({ file, transcript }) => {
    try {
      return runTranscript(file, transcript, (clock) => new Conversation(bot.content, bot.matcher, { clock }));
    } catch (err) {
      return { file, title: transcript.title, ok: false, failure: `error: ${(err as Error).message}`, turns: transcript.turns.length };
    }
  });
  const passed = results.filter((r) => r.ok).length;
  return { available: true, total: results.length, passed, failed: results.length - passed, results };
}

async function nluReport({ bot, root, trainBaseline = trainNlpJsBaseline }: ReportOptions): Promise<NluReport> {
  const heldBack = join(root, 'tests', 'nlu', 'held-back.tsv');
  const ood = join(root, 'tests', 'nlu', 'out-of-domain.txt');
  if (!existsSync(heldBack) || !existsSync(ood)) return { available: false, reason: 'tests/nlu/held-back.tsv or out-of-domain.txt is missing' };
  const rows = loadEvalRows(heldBack, ood);
  const ours = evaluate('Vertel het', rows, matcherPredictor(bot.matcher));
  const systems = [ours];
  const baseline: BaselineStatus = { name: 'NLP.js', installed: false };
  try {
    const trained = await trainBaseline(bot.content.intents.values());
    baseline.installed = true;
    baseline.trainMs = Math.round(trained.trainMs);
    const answers = new Map<string, Prediction>();
    for (const row of rows) answers.set(row.text, await trained.predict(row.text));
    systems.push(evaluate('NLP.js', rows, (text) => answers.get(text)!));
  } catch (err) {
    if (!isMissingModule(err)) {
      baseline.installed = true;
      baseline.error = (err as Error).message;
    }
  }
  return { available: true, rows: ours.rows, systems, baseline };
}

/** Computes once on first use; a failed computation is tried again next time. */
export class ReportCache {
  private pending: Promise<StudioReport> | undefined;

  constructor(private readonly compute: () => Promise<StudioReport>) {}

  get(): Promise<StudioReport> {
    if (!this.pending) {
      this.pending = this.compute();
      this.pending.catch(() => {
        this.pending = undefined;
      });
    }
    return this.pending;
  }
}
