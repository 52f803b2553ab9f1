/**
 * The little the Telegram adapter keeps in memory, all bounded and all keyed by a hash of the chat:
 *
 * - `chatKeyer`: the session key. Telegram chat ids are small, enumerable numbers, so a plain hash
 *   of one could be reversed by trying them all; a keyed hash (HMAC-SHA256) cannot without the key.
 *   The key is derived from the bot token: every instance of one bot derives the same key (a
 *   webhook served by several instances sharing Redis finds the same session), it survives a
 *   restart, and it needs no extra secret to configure. Whoever holds the token could recompute
 *   keys, but whoever holds the token can already act as the bot. Rotating the token in BotFather
 *   changes every key: running conversations start again, which is harmless.
 * - `ChatMemory`: per chat, the ids of the messages the bot sent within Telegram's 48-hour deletion
 *   window, so /wis can delete them. This is not a transcript: it holds message ids (numbers) and
 *   send times only, never text, never who the user is, and only for as long as Telegram would let
 *   the bot delete them. It lives in this process only (gone on restart).
 * - `Notices`: which groups were already told "only in private chats" (hashed ids, bounded).
 * - `Serial`: one chat's updates are handled in order, different chats in parallel.
 */
import { createHmac } from 'node:crypto';

/** Returns the conversation id for a Telegram chat id: base64url HMAC-SHA256, 43 characters. */
export function chatKeyer(botToken: string): (chatId: number) => string {
  const key = createHmac('sha256', 'vertel-het/telegram-chat-key/v1').update(botToken).digest();
  return (chatId) => createHmac('sha256', key).update(String(chatId)).digest('base64url');
}

/** Telegram lets a bot delete its own messages for 48 hours; stay a little inside that. */
export const DELETE_WINDOW_MS = 47.5 * 3600 * 1000;

interface ChatRecord {
  /** Message ids the bot sent, oldest first, with the time they were sent. */
  sent: Array<{ id: number; at: number }>;
  /** Whether the bot's remembered messages include a conversation (not only notices). */
  conversed: boolean;
  /** The latest message with buttons; buttons on older messages are stale. */
  keyboard?: number | undefined;
  /** Messages whose buttons were already tapped (a double tap is ignored quietly). */
  used: number[];
}

export class ChatMemory {
  private readonly chats = new Map<string, ChatRecord>();

  constructor(
    private readonly opts: { maxChats: number; maxIdsPerChat: number; windowMs?: number; now?: () => number } = { maxChats: 10_000, maxIdsPerChat: 300 },
  ) {}

  private get now(): number {
    return (this.opts.now ?? Date.now)();
  }

  private record(key: string, create: boolean): ChatRecord | undefined {
    let r = this.chats.get(key);
    if (r) {
      this.chats.delete(key); // most recently used goes last
      this.chats.set(key, r);
      return r;
    }
    if (!create) return undefined;
    r = { sent: [], conversed: false, used: [] };
    this.chats.set(key, r);
    while (this.chats.size > this.opts.maxChats) this.chats.delete(this.chats.keys().next().value!);
    return r;
  }

  remember(key: string, messageId: number, opts: { keyboard?: boolean; conversed?: boolean } = {}): void {
    const r = this.record(key, true)!;
    r.sent.push({ id: messageId, at: this.now });
    if (opts.keyboard) r.keyboard = messageId;
    if (opts.conversed) r.conversed = true;
    this.prune(key, r);
  }

  hadConversation(key: string): boolean {
    const r = this.chats.get(key);
    if (r) this.prune(key, r);
    return r !== undefined && r.conversed && r.sent.length > 0;
  }

  /** Whether a tap on this message's buttons should be handled (once, and only the latest buttons). */
  tap(key: string, messageId: number): 'current' | 'stale' | 'again' {
    const r = this.record(key, false);
    if (r?.used.includes(messageId)) return 'again';
    if (r) {
      r.used.push(messageId);
      if (r.used.length > 20) r.used.shift();
    }
    return r?.keyboard !== undefined && r.keyboard !== messageId ? 'stale' : 'current';
  }

  /** /wis: hands over the ids to delete and starts a fresh record (remembering the tap). */
  take(key: string, tapped?: number): number[] {
    const r = this.chats.get(key);
    if (r) this.prune(key, r);
    this.chats.delete(key);
    if (tapped !== undefined) this.record(key, true)!.used.push(tapped);
    return r?.sent.map((s) => s.id) ?? [];
  }

  /** The user blocked the bot: nothing to delete any more. */
  drop(key: string): void {
    this.chats.delete(key);
  }

  /** Forgets ids Telegram would no longer let us delete. */
  sweep(): void {
    for (const [key, r] of this.chats) this.prune(key, r);
  }

  get size(): number {
    return this.chats.size;
  }

  private prune(key: string, r: ChatRecord): void {
    const cutoff = this.now - (this.opts.windowMs ?? DELETE_WINDOW_MS);
    let drop = 0;
    while (drop < r.sent.length && r.sent[drop]!.at < cutoff) drop++;
    drop = Math.max(drop, r.sent.length - this.opts.maxIdsPerChat);
    if (drop > 0) r.sent.splice(0, drop);
    if (r.sent.length === 0) this.chats.delete(key);
  }
}

/** A bounded set of hashed ids, oldest forgotten first. */
export class Notices {
  private readonly seen = new Set<string>();
  constructor(private readonly max = 10_000) {}

  /** True the first time a key is seen. */
  first(key: string): boolean {
    if (this.seen.has(key)) return false;
    this.seen.add(key);
    if (this.seen.size > this.max) this.seen.delete(this.seen.values().next().value!);
    return true;
  }
}

/** Runs tasks one after the other per key; different keys run in parallel. */
export class Serial {
  private readonly tails = new Map<string, Promise<void>>();

  run(key: string, task: () => Promise<void>): Promise<void> {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(task, task).finally(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    this.tails.set(key, next);
    return next;
  }

  /** Waits for everything under way (graceful stop). */
  async idle(): Promise<void> {
    await Promise.allSettled([...this.tails.values()]);
  }
}
