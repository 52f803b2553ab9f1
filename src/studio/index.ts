/**
 * The worker studio's service side, free of HTTP: the sandbox, flow diagrams, the misses store and
 * the cached report. src/server/plugins/studio.ts puts routes and the token check in front of it.
 */
import type { Bot } from '../core/bot.js';
import type { TurnObserver } from '../core/service.js';
import type { IntentFile } from '../content/schema.js';
import type { Baseline } from '../nlu/baseline.js';
import { flowDiagram, type Diagram } from './diagram.js';
import { MissesStore } from './misses.js';
import { explainParse, type ParseExplanation } from './parse.js';
import { computeReport, ReportCache, type StudioReport } from './report.js';
import { Sandbox, type SandboxOptions } from './sandbox.js';
import { Scrubber, vocabularyFrom } from './scrub.js';

export interface StudioOptions {
  bot: Bot;
  /** STUDIO_COLLECT_MISSES: keep scrubbed misunderstood messages (counts are always kept). */
  collectMisses: boolean;
  /** The project root holding tests/conversations and tests/nlu (for the report). */
  root: string;
  clock?: () => Date;
  sandbox?: SandboxOptions;
  trainBaseline?: (intents: Iterable<IntentFile>) => Promise<Baseline>;
}

export interface FlowSummary {
  id: string;
  title: string;
  start: string;
  steps: string[];
}

export class Studio {
  readonly sandbox: Sandbox;
  readonly misses: MissesStore;
  private readonly reportCache: ReportCache;
  private readonly diagrams = new Map<string, Diagram>();

  constructor(private readonly options: StudioOptions) {
    const { bot } = options;
    this.sandbox = new Sandbox(bot.conversation, { ...(options.clock ? { clock: options.clock } : {}), ...options.sandbox });
    this.misses = new MissesStore({
      collect: options.collectMisses,
      ...(options.collectMisses ? { scrubber: new Scrubber(vocabularyFrom(bot.content)) } : {}),
      ...(options.clock ? { clock: options.clock } : {}),
    });
    this.reportCache = new ReportCache(() =>
      computeReport({ bot, root: options.root, ...(options.trainBaseline ? { trainBaseline: options.trainBaseline } : {}) }),
    );
  }

  /**
   * For the PUBLIC conversation service: counts the matcher's outcome of every typed message and,
   * when collecting, hands unsure / not understood texts to the misses store (which scrubs them).
   * Buttons, typed button labels and answers to "Klopt dat?" are not the matcher's outcome.
   */
  readonly observer: TurnObserver = (inbound, turn) => {
    if (inbound.type !== 'text') return;
    const m = turn.debug.match;
    if (m !== 'matched' && m !== 'unsure' && m !== 'none') return;
    const guess = m === 'unsure' && turn.debug.intent ? this.options.bot.matcher.topicOf(turn.debug.intent) : undefined;
    this.misses.record(m, inbound.text, guess);
  };

  parse(text: string): ParseExplanation {
    return explainParse(this.options.bot.matcher, text);
  }

  flows(): FlowSummary[] {
    return [...this.options.bot.content.flows.values()]
      .map((f) => ({ id: f.id, title: f.title, start: f.start, steps: Object.keys(f.steps) }))
      .sort((a, b) => a.id.localeCompare(b.id));
  }

  diagram(flowId: string): Diagram | undefined {
    let d = this.diagrams.get(flowId);
    if (!d) {
      d = flowDiagram(this.options.bot.content, flowId);
      if (d) this.diagrams.set(flowId, d);
    }
    return d;
  }

  report(): Promise<StudioReport> {
    return this.reportCache.get();
  }

  async close(): Promise<void> {
    await this.sandbox.close();
  }
}
