/**
 * A small fake of the Telegram Bot API over real HTTP (node:http), for tests without network.
 * It implements the methods the bot uses, records every call (with its result), keeps an update
 * queue with long-poll semantics (getUpdates waits up to `timeout` seconds for an update; updates
 * stay until a later offset confirms them, as on Telegram), and can be told to fail the next calls
 * of a method (429 with retry_after, 403 blocked, …).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const FAKE_TOKEN = '123456789:FAKE-token-for-tests_abcdefghij';
export const BOT_USER = { id: 4242, is_bot: true, first_name: 'Vertel het', username: 'vertel_het_test_bot', can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false };

/* eslint-disable @typescript-eslint/no-explicit-any */
export interface Call {
  method: string;
  params: Record<string, any>;
  /** What the fake answered (ok result or error). */
  response: { ok: boolean; result?: any; error_code?: number };
  at: number;
}

interface Failure {
  method: string;
  remaining: number;
  code: number;
  description: string;
  retryAfter?: number;
  chatId?: number;
}

type Update = Record<string, any> & { update_id: number };

export class FakeTelegram {
  readonly calls: Call[] = [];
  url = '';
  private server!: Server;
  private updates: Update[] = [];
  private nextUpdateId = 1;
  private nextCallbackId = 1;
  private readonly messageIds = new Map<number, number>();
  /** The highest offset a getUpdates call has sent: every update below it was handled. */
  private confirmed = 0;
  private readonly pollers = new Set<() => void>();
  private readonly confirmWaiters = new Set<() => void>();
  private failures: Failure[] = [];

  private constructor(readonly token: string) {}

  static async start(token = FAKE_TOKEN): Promise<FakeTelegram> {
    const fake = new FakeTelegram(token);
    fake.server = createServer((req, res) => void fake.handle(req, res));
    await new Promise<void>((resolve) => fake.server.listen(0, '127.0.0.1', resolve));
    fake.url = `http://127.0.0.1:${(fake.server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    for (const wake of this.pollers) wake();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- telling the fake what to do -----------------------------------------------------------

  /** The next `times` calls of `method` (for one chat, if given) fail with this error. */
  fail(method: string, opts: { code: number; times?: number; retryAfter?: number; description?: string; chatId?: number }): void {
    const description = opts.description ?? (opts.code === 429 ? `Too Many Requests: retry after ${opts.retryAfter ?? 1}` : opts.code === 403 ? 'Forbidden: bot was blocked by the user' : 'Bad Request');
    this.failures.push({ method, remaining: opts.times ?? 1, code: opts.code, description, ...(opts.retryAfter !== undefined ? { retryAfter: opts.retryAfter } : {}), ...(opts.chatId !== undefined ? { chatId: opts.chatId } : {}) });
  }

  /** Queues an update for getUpdates; returns its update_id. */
  push(update: Record<string, any>): number {
    const full = { ...update, update_id: this.nextUpdateId++ };
    this.updates.push(full);
    for (const wake of this.pollers) wake();
    return full.update_id;
  }

  /** A text message from a person (a leading /command gets its bot_command entity, as on Telegram). */
  text(chatId: number, text: string): number {
    const command = /^\/\w+/.exec(text);
    return this.push({ message: { ...this.incoming(chatId), text, ...(command ? { entities: [{ type: 'bot_command', offset: 0, length: command[0].length }] } : {}) } });
  }

  /** A message update with any other content: { photo: [...] }, { sticker: {...} }, { location: {...} }. */
  media(chatId: number, fields: Record<string, any>): number {
    return this.push({ message: { ...this.incoming(chatId), ...fields } });
  }

  photo(chatId: number, caption?: string): number {
    return this.media(chatId, { photo: [{ file_id: 'AgACAgQAAx0-photo-small', file_unique_id: 'u1', width: 90, height: 90 }, { file_id: 'AgACAgQAAx0-photo', file_unique_id: 'u2', width: 1280, height: 960 }], ...(caption ? { caption } : {}) });
  }

  /** A tap on a button with this callback_data under the bot's message `messageId`. */
  tap(chatId: number, data: string, messageId: number): number {
    const user = this.user(chatId);
    return this.push({ callback_query: { id: `cb${this.nextCallbackId++}`, from: user, chat_instance: `ci${chatId}`, data, message: { message_id: messageId, date: now(), chat: this.chat(chatId), from: BOT_USER, text: '…' } } });
  }

  /** Resolves when the bot has handled this update (a later getUpdates confirmed it). */
  async handled(updateId: number, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (this.confirmed <= updateId) {
      if (Date.now() > deadline) throw new Error(`update ${updateId} was not handled within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(done, 200);
        function done() {
          clearTimeout(t);
          resolve();
        }
        this.confirmWaiters.add(done);
      });
    }
  }

  // ---- reading what happened -----------------------------------------------------------------

  callsTo(method: string, chatId?: number): Call[] {
    return this.calls.filter((c) => c.method === method && (chatId === undefined || c.params.chat_id === chatId));
  }

  /** Texts the bot sent to a chat (successful sends only), in order. */
  sentTexts(chatId: number, since = 0): string[] {
    return this.calls.slice(since).filter((c) => c.method === 'sendMessage' && c.params.chat_id === chatId && c.response.ok).map((c) => String(c.params.text));
  }

  /** Waits until a condition holds (for the webhook path and anything asynchronous). */
  async until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!check()) {
      if (Date.now() > deadline) throw new Error('condition not met in time');
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  // ---- the API -------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url?.split('?')[0] ?? '');
    let raw = '';
    for await (const chunk of req) raw += String(chunk);
    if (!match) return this.send(res, 404, { ok: false, error_code: 404, description: 'Not Found' });
    if (match[1] !== this.token) return this.send(res, 401, { ok: false, error_code: 401, description: 'Unauthorized' });
    const method = match[2]!;
    const params: Record<string, any> = raw ? JSON.parse(raw) : {};
    const call: Call = { method, params, response: { ok: false }, at: Date.now() };
    this.calls.push(call);

    const failure = this.failures.find((f) => f.method === method && f.remaining > 0 && (f.chatId === undefined || f.chatId === params.chat_id));
    if (failure) {
      failure.remaining--;
      const body = { ok: false, error_code: failure.code, description: failure.description, ...(failure.retryAfter !== undefined ? { parameters: { retry_after: failure.retryAfter } } : {}) };
      call.response = body;
      return this.send(res, failure.code, body);
    }
    const result = method === 'getUpdates' ? await this.getUpdates(params, res) : this.answer(method, params);
    if (result === undefined) return; // a long poll the client gave up on
    if (result === NOT_FOUND) {
      call.response = { ok: false, error_code: 404 };
      return this.send(res, 404, { ok: false, error_code: 404, description: 'Not Found: method not found' });
    }
    call.response = { ok: true, result };
    this.send(res, 200, { ok: true, result });
  }

  private answer(method: string, p: Record<string, any>): unknown {
    switch (method) {
      case 'getMe':
        return BOT_USER;
      case 'setMyCommands':
      case 'setWebhook':
      case 'deleteWebhook':
      case 'sendChatAction':
      case 'answerCallbackQuery':
      case 'deleteMessage':
      case 'deleteMessages':
        return true;
      case 'sendMessage':
        return { message_id: this.nextMessageId(p.chat_id), date: now(), chat: this.chat(p.chat_id), from: BOT_USER, text: p.text, ...(p.entities ? { entities: p.entities } : {}), ...(p.reply_markup ? { reply_markup: p.reply_markup } : {}) };
      case 'editMessageReplyMarkup':
        return { message_id: p.message_id, date: now(), chat: this.chat(p.chat_id), from: BOT_USER, text: '…' };
      case 'getFile':
        return { file_id: p.file_id, file_unique_id: 'u', file_size: 1000, file_path: 'photos/file_1.jpg' };
      default:
        return NOT_FOUND;
    }
  }

  private async getUpdates(p: Record<string, any>, res: ServerResponse): Promise<unknown> {
    const offset = Number(p.offset ?? 0);
    if (offset > this.confirmed) {
      this.confirmed = offset;
      this.updates = this.updates.filter((u) => u.update_id >= offset);
      for (const wake of this.confirmWaiters) wake();
      this.confirmWaiters.clear();
    }
    const limit = Number(p.limit ?? 100);
    const timeout = Number(p.timeout ?? 0);
    if (this.updates.length === 0 && timeout > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(wake, timeout * 1000);
        const pollers = this.pollers;
        function wake() {
          clearTimeout(timer);
          pollers.delete(wake);
          resolve();
        }
        pollers.add(wake);
        res.on('close', wake);
      });
      if (res.destroyed || res.writableEnded || !res.socket || res.socket.destroyed) return undefined;
    }
    return this.updates.slice(0, limit);
  }

  // ---- shapes --------------------------------------------------------------------------------

  private nextMessageId(chatId: number): number {
    const id = (this.messageIds.get(chatId) ?? 0) + 1;
    this.messageIds.set(chatId, id);
    return id;
  }

  private chat(chatId: number): Record<string, any> {
    return chatId > 0 ? { id: chatId, type: 'private', first_name: 'Test' } : { id: chatId, type: 'group', title: 'Een groep' };
  }

  private user(chatId: number): Record<string, any> {
    return { id: chatId > 0 ? chatId : 777, is_bot: false, first_name: 'Test', language_code: 'nl' };
  }

  private incoming(chatId: number): Record<string, any> {
    return { message_id: this.nextMessageId(chatId), date: now(), chat: this.chat(chatId), from: this.user(chatId) };
  }

  private send(res: ServerResponse, status: number, body: unknown): void {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}

const NOT_FOUND = Symbol('not found');
const now = () => Math.floor(Date.now() / 1000);
