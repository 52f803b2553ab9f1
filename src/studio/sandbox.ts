/**
 * The studio's practice conversations: the real conversation core over a SEPARATE in-memory session
 * store, so a sandbox conversation never mixes with a real one (another id space, another store, no
 * observers: the misses counts never see it). Only here, for the worker's "save as transcript", a
 * log of the turns is kept next to the session, with the same lifetime. The public API keeps none.
 */
import { stringify } from 'yaml';
import type { Conversation } from '../core/conversation.js';
import { CodedError } from '../core/errors.js';
import { MemorySessionStore } from '../core/memory-store.js';
import type { Debug, Inbound, Reply } from '../core/messages.js';
import { ConversationService, type ServiceTurn } from '../core/service.js';

export type SandboxReply = Reply & { debug: Debug };

export interface SandboxTurn {
  conversationId: string;
  replies: SandboxReply[];
  debug: Debug;
  /** Where the bot now is, with the flow's title. */
  at: { flow: string; step: string; title: string };
}

type LogEntry =
  | { kind: 'bot'; replies: Reply[]; debug: Debug }
  | { kind: 'user'; text: string }
  | { kind: 'choose'; id: string }
  | { kind: 'jump'; flow: string; step: string }
  | { kind: 'error'; code: string };

interface Log {
  startedAt: Date;
  entries: LogEntry[];
}

export interface TranscriptExport {
  fileName: string;
  yaml: string;
  /** Turns in the YAML. */
  turns: number;
  /** The log holds a "jump to step": a transcript cannot do that, so it stops before it. */
  stoppedAtJump: boolean;
}

export interface SandboxOptions {
  ttlSeconds?: number;
  maxConversations?: number;
  clock?: () => Date;
}

const MAX_LOG = 400;
const CONVERSATION_ERRORS = new Set(['VH_UNKNOWN_CHOICE', 'VH_EMPTY_TEXT', 'VH_TEXT_TOO_LONG']);

export class Sandbox {
  readonly service: ConversationService;
  private readonly store: MemorySessionStore;
  private readonly logs = new Map<string, Log>();
  private readonly max: number;
  private readonly clock: () => Date;

  constructor(
    private readonly conversation: Conversation,
    options: SandboxOptions = {},
  ) {
    this.max = options.maxConversations ?? 200;
    this.clock = options.clock ?? (() => new Date());
    this.store = new MemorySessionStore({ ttlSeconds: options.ttlSeconds ?? 4 * 3600, maxEntries: this.max });
    this.service = new ConversationService(conversation, this.store);
  }

  async start(): Promise<SandboxTurn> {
    const turn = await this.service.create();
    this.logs.delete(turn.conversationId);
    while (this.logs.size >= this.max) this.logs.delete(this.logs.keys().next().value!);
    this.logs.set(turn.conversationId, { startedAt: this.clock(), entries: [{ kind: 'bot', replies: turn.replies, debug: turn.debug }] });
    return this.view(turn);
  }

  async send(id: string, inbound: Inbound): Promise<SandboxTurn> {
    const log = await this.logOf(id);
    const input: LogEntry | undefined =
      inbound.type === 'text' ? { kind: 'user', text: inbound.text } : inbound.type === 'choice' ? { kind: 'choose', id: inbound.id } : undefined;
    try {
      const turn = await this.service.send(id, inbound);
      if (input) this.append(log, input);
      this.append(log, { kind: 'bot', replies: turn.replies, debug: turn.debug });
      return this.view(turn);
    } catch (err) {
      // What the conversation itself refuses belongs in a transcript; a rate limit does not.
      if (input && err instanceof CodedError && CONVERSATION_ERRORS.has(err.code)) {
        this.append(log, input);
        this.append(log, { kind: 'error', code: err.code });
      }
      throw err;
    }
  }

  /** Starts this sandbox conversation again at the welcome (same id, empty log). */
  async restart(id: string): Promise<SandboxTurn> {
    await this.logOf(id);
    await this.store.delete(id);
    const turn = await this.service.create({ id });
    this.logs.set(id, { startedAt: this.clock(), entries: [{ kind: 'bot', replies: turn.replies, debug: turn.debug }] });
    return this.view(turn);
  }

  /** Puts the conversation at a step of a flow and says what that step says (and what follows it). */
  async jump(id: string, flowId: string, stepId: string): Promise<SandboxTurn> {
    const log = await this.logOf(id);
    const flow = this.conversation.content.flows.get(flowId);
    if (!flow?.steps[stepId]) throw new CodedError('VH_BAD_REQUEST', `no step '${stepId}' in flow '${flowId}'`);
    const stored = await this.store.get(id);
    if (!stored) throw notFound();
    const s = stored.session;
    const session = { ...s, slots: { ...s.slots }, history: [...s.history], pending: undefined, paused: undefined, misses: 0, turn: s.turn + 1 };
    const replies: Reply[] = [];
    this.conversation.runner.enter(session, { flow: flowId, step: stepId }, replies);
    if (!(await this.store.update(id, session, stored.version))) throw new CodedError('VH_CONFLICT', 'the sandbox conversation changed meanwhile; try again');
    const debug: Debug = { match: 'system', flow: session.flow, step: session.step };
    this.append(log, { kind: 'jump', flow: flowId, step: stepId });
    this.append(log, { kind: 'bot', replies, debug });
    return this.view({ conversationId: id, replies, debug, session });
  }

  async forget(id: string): Promise<void> {
    this.logs.delete(id);
    await this.service.forget(id);
  }

  /** The conversation so far as a golden transcript (tests/conversations/*.yml), up to a jump. */
  async transcript(id: string): Promise<TranscriptExport> {
    const log = await this.logOf(id);
    const content = this.conversation.content;
    const turns: object[] = [];
    let stoppedAtJump = false;
    let lastInput: LogEntry | undefined;
    let topic: string | undefined;
    for (const e of log.entries) {
      if (e.kind === 'jump') {
        stoppedAtJump = true;
        break;
      }
      if (e.kind === 'user') turns.push({ user: e.text });
      else if (e.kind === 'choose') turns.push({ choose: e.id });
      else if (e.kind === 'error') turns.push({ bot: { error: e.code } });
      else {
        const bot: Record<string, unknown> = { step: `${e.debug.flow}.${e.debug.step}` };
        const understood = e.debug.match === 'matched' || e.debug.match === 'unsure' || e.debug.match === 'none';
        if (lastInput?.kind === 'user' && understood && e.debug.intent) bot.intent = e.debug.intent;
        const choices = e.replies.flatMap((r) => (r.type === 'choices' ? r.choices.map((c) => c.id) : []));
        if (choices.length) bot.choices = choices;
        const referrals = e.replies.flatMap((r) => (r.type === 'referral' ? [r.id] : []));
        if (referrals.length) bot.referrals = referrals;
        turns.push({ bot });
        if (!topic && e.debug.flow !== content.texts.flows.welcome && e.debug.flow !== content.texts.flows.menu) topic = e.debug.flow;
      }
      lastInput = e;
    }
    const flowId = topic ?? content.texts.flows.welcome;
    const title = content.flows.get(flowId)?.title ?? flowId;
    const at = log.startedAt.toISOString().replace(/\.\d{3}Z$/, 'Z');
    const yaml = stringify({ title, at, turns }, { lineWidth: 0 });
    return { fileName: `${flowId.replace(/_/g, '-')}-studio.yml`, yaml, turns: turns.length, stoppedAtJump };
  }

  async close(): Promise<void> {
    this.logs.clear();
    await this.store.close();
  }

  private async logOf(id: string): Promise<Log> {
    const log = this.logs.get(id);
    if (!log || !(await this.service.exists(id))) {
      this.logs.delete(id);
      throw notFound();
    }
    return log;
  }

  private append(log: Log, entry: LogEntry): void {
    if (log.entries.length < MAX_LOG) log.entries.push(entry);
  }

  private view(turn: Pick<ServiceTurn, 'conversationId' | 'replies' | 'debug' | 'session'>): SandboxTurn {
    const debug = { ...turn.debug, flow: turn.session.flow, step: turn.session.step };
    const title = this.conversation.content.flows.get(debug.flow)?.title ?? debug.flow;
    return {
      conversationId: turn.conversationId,
      replies: turn.replies.map((r) => ({ ...r, debug })),
      debug,
      at: { flow: debug.flow, step: debug.step, title },
    };
  }
}

const notFound = () => new CodedError('VH_CONVERSATION_NOT_FOUND', 'this sandbox conversation does not exist or has expired; start a new one');
