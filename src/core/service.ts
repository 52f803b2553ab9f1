/**
 * Conversations as a service: the conversation core plus a session store. Every channel (HTTP,
 * WebSocket, Telegram, the studio sandbox) goes through here: create, send, forget. Updates use
 * compare-and-set, so two messages of one conversation on two instances never lose an update.
 */
import { randomBytes } from 'node:crypto';
import type { Conversation, Turn } from './conversation.js';
import { CodedError } from './errors.js';
import type { Inbound } from './messages.js';
import { CorruptSessionError, type SessionStore } from './session.js';

const MAX_ATTEMPTS = 8;
/** Back off a little (with jitter) before retrying a write another instance won. */
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * 10 * 2 ** Math.min(attempt, 4)));

/** 144 random bits, URL-safe: unguessable, and says nothing about who or when. */
export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

export const CONVERSATION_ID = /^[A-Za-z0-9_-]{16,128}$/;

export interface ServiceTurn extends Turn {
  conversationId: string;
}

/**
 * Messages per minute per conversation (per instance): a person types far fewer; a script
 * hammering one conversation gets a kind 429.
 */
export class MessageBudget {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(
    private readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(id: string): boolean {
    if (this.perMinute <= 0) return true;
    const now = this.now();
    const w = this.windows.get(id);
    if (!w || now - w.start >= 60_000) {
      if (this.windows.size >= 100_000) this.sweep(now);
      this.windows.set(id, { start: now, count: 1 });
      return true;
    }
    w.count++;
    return w.count <= this.perMinute;
  }

  private sweep(now: number): void {
    for (const [id, w] of this.windows) if (now - w.start >= 60_000) this.windows.delete(id);
    if (this.windows.size >= 100_000) this.windows.clear();
  }
}

export const MESSAGES_PER_MINUTE = 40;

/**
 * Told about every handled message after it is stored (e.g. the studio's outcome counts). Runs in
 * process and must not keep the text unless the deployment opted in; a throwing observer never
 * breaks the conversation.
 */
export type TurnObserver = (inbound: Inbound, turn: ServiceTurn) => void;

export class ConversationService {
  private readonly budget: MessageBudget;
  private readonly observers = new Set<TurnObserver>();

  constructor(
    readonly conversation: Conversation,
    readonly store: SessionStore,
    opts: { messagesPerMinute?: number } = {},
  ) {
    this.budget = new MessageBudget(opts.messagesPerMinute ?? MESSAGES_PER_MINUTE);
  }

  async create(opts: { expired?: boolean; id?: string } = {}): Promise<ServiceTurn> {
    const turn = this.conversation.start(opts.expired ? { expired: true } : {});
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const id = opts.id ?? newConversationId();
      if (await this.guard(() => this.store.create(id, turn.session))) return { ...turn, conversationId: id };
      if (opts.id) throw new CodedError('VH_CONFLICT', 'conversation exists');
    }
    throw new CodedError('VH_INTERNAL', 'could not create a conversation id');
  }

  /** Handles one inbound message. Unknown or expired ids: VH_CONVERSATION_NOT_FOUND. */
  async send(id: string, inbound: Inbound): Promise<ServiceTurn> {
    if (!CONVERSATION_ID.test(id)) throw notFound();
    if (!this.budget.take(id)) throw new CodedError('VH_RATE_LIMITED', this.conversation.content.texts.errors.rateLimited);
    const turn = await this.inOrder(id, () => this.sendNow(id, inbound));
    for (const observer of this.observers) {
      try {
        observer(inbound, turn);
      } catch {
        // An observer's problem is never the young person's problem.
      }
    }
    return turn;
  }

  /** Adds an observer of handled messages; returns a function that removes it. */
  observe(observer: TurnObserver): () => void {
    this.observers.add(observer);
    return () => this.observers.delete(observer);
  }

  /** Messages of one conversation on this instance run one after another (other instances: compare-and-set). */
  private readonly running = new Map<string, Promise<unknown>>();
  private inOrder<T>(id: string, task: () => Promise<T>): Promise<T> {
    const before = this.running.get(id) ?? Promise.resolve();
    const next = before.then(task, task);
    const tail = next.catch(() => undefined);
    this.running.set(id, tail);
    void tail.then(() => {
      if (this.running.get(id) === tail) this.running.delete(id);
    });
    return next;
  }

  private async sendNow(id: string, inbound: Inbound): Promise<ServiceTurn> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      if (attempt > 0) await backoff(attempt);
      let stored;
      try {
        stored = await this.guard(() => this.store.get(id));
      } catch (err) {
        if (!(err instanceof CorruptSessionError)) throw err;
        // A stored session we cannot read: start again kindly instead of failing.
        const fresh = this.conversation.start({ expired: true });
        await this.guard(() => this.store.delete(id));
        await this.guard(() => this.store.create(id, fresh.session));
        return { ...fresh, conversationId: id };
      }
      if (!stored) throw notFound();
      const turn = this.conversation.handle(inbound, stored.session);
      if (await this.guard(() => this.store.update(id, turn.session, stored.version))) return { ...turn, conversationId: id };
    }
    throw new CodedError('VH_CONFLICT', 'too many simultaneous messages in this conversation; send it again');
  }

  async forget(id: string): Promise<boolean> {
    if (!CONVERSATION_ID.test(id)) return false;
    return this.guard(() => this.store.delete(id));
  }

  async exists(id: string): Promise<boolean> {
    if (!CONVERSATION_ID.test(id)) return false;
    try {
      return (await this.guard(() => this.store.get(id))) !== undefined;
    } catch (err) {
      if (err instanceof CorruptSessionError) return true;
      throw err;
    }
  }

  /** Store failures become a coded 503 with a kind line and the emergency numbers (from content). */
  private async guard<T>(op: () => Promise<T>): Promise<T> {
    try {
      return await op();
    } catch (err) {
      if (err instanceof CorruptSessionError || err instanceof CodedError) throw err;
      throw new CodedError('VH_UNAVAILABLE', this.conversation.content.texts.errors.unavailable, { retryable: true });
    }
  }
}

const notFound = () => new CodedError('VH_CONVERSATION_NOT_FOUND', 'this conversation does not exist or has expired; start a new one');
