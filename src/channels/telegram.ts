/**
 * The Telegram channel (shared/api.md "Telegram"): a thin grammY adapter over the same
 * ConversationService as HTTP and WebSocket, with no flow logic of its own.
 *
 * - Private chats only; a group is told once (content) and then ignored.
 * - The conversation id is a keyed hash of the chat id (telegram-state.ts); logs never hold the
 *   chat id, a user id or any text.
 * - Text → Inbound text; a button tap → Inbound choice (answered with answerCallbackQuery; its
 *   buttons are removed, a double tap is ignored, a tap on an older question's buttons gets a kind
 *   line); photos, video, voice, files and stickers → Inbound media, NEVER downloaded (getFile is
 *   never called), plus the caption as text so crisis words in a caption are still heard.
 * - /start: the privacy notice, then the welcome. /menu and /hulp: the core's commands.
 *   /wis: one confirming tap, then the bot deletes its messages of this chat, forgets the session
 *   and tells the user how to delete their own messages.
 * - Errors become kind lines from content, never error codes: a message over 1,000 characters
 *   (the limit of every channel, although Telegram carries 4,096) gets "too long"; an empty one
 *   "only text"; a store failure "unavailable" with 112 and 113. Telegram API errors: 403
 *   (blocked) forgets the chat quietly; others are logged by method and code, never by text.
 */
import { Bot, GrammyError, HttpError, type Context } from 'grammy';
import type { Message } from 'grammy/types';
import { CodedError } from '../core/errors.js';
import type { Inbound, Reply } from '../core/messages.js';
import type { ConversationService } from '../core/service.js';
import { choiceOf, render, type OutMessage } from './telegram-render.js';
import { ChatMemory, Notices, Serial, chatKeyer } from './telegram-state.js';

export const WIPE_YES = 'vh:wis:ja';
export const WIPE_NO = 'vh:wis:nee';
export const ALLOWED_UPDATES = ['message', 'callback_query'] as const;

/** The pino-compatible part of a logger this adapter uses. */
export interface Log {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface TelegramDeps {
  token: string;
  apiRoot: string;
  service: ConversationService;
  logger: Log;
  /** Seconds before an API call gives up (must exceed the long-polling timeout). */
  timeoutSeconds?: number;
}

export interface TelegramAdapter {
  bot: Bot;
  memory: ChatMemory;
  serial: Serial;
  keyOf: (chatId: number) => string;
}

type MediaKind = Extract<Inbound, { type: 'media' }>['kind'];
const MEDIA: Array<[keyof Message, MediaKind]> = [
  ['photo', 'photo'], ['video', 'video'], ['animation', 'video'], ['video_note', 'video'], ['voice', 'voice'],
  ['audio', 'voice'], ['document', 'document'], ['sticker', 'sticker'], ['paid_media', 'other'], ['story', 'other'],
];
/** Other things a person can send that are not text: answered with "I can only read text". */
const NOT_TEXT: Array<keyof Message> = ['location', 'venue', 'contact', 'poll', 'dice', 'game', 'checklist'];

const isCode = (err: unknown, code: string) => err instanceof CodedError && err.code === code;

export function createTelegramAdapter(deps: TelegramDeps): TelegramAdapter {
  const { service, logger } = deps;
  const content = service.conversation.content;
  const t = content.telegram;
  const bot = new Bot(deps.token, { client: { apiRoot: deps.apiRoot, timeoutSeconds: deps.timeoutSeconds ?? 60 } });
  const keyOf = chatKeyer(deps.token);
  const memory = new ChatMemory();
  const groups = new Notices();
  const serial = new Serial();
  const text = (s: string): Reply => ({ type: 'text', text: s });
  const key = (ctx: Context) => keyOf(ctx.chat!.id);

  /** Logs a failed API call by method and code (never its payload), and carries on. */
  const quiet = (p: Promise<unknown>) =>
    p.catch((err: unknown) => logger.warn({ method: err instanceof GrammyError ? err.method : undefined, code: err instanceof GrammyError ? err.error_code : 'network' }, 'telegram call failed'));

  /** Sends messages in order and remembers their ids (only ids) for /wis. */
  async function post(ctx: Context, k: string, messages: OutMessage[], conversed: boolean): Promise<void> {
    for (const m of messages) {
      const sent = await ctx.api.sendMessage(ctx.chat!.id, m.text, {
        ...(m.entities.length > 0 ? { entities: m.entities } : {}),
        ...(m.keyboard ? { reply_markup: { inline_keyboard: m.keyboard } } : {}),
        link_preview_options: { is_disabled: true },
      });
      memory.remember(k, sent.message_id, { keyboard: m.choices === true, conversed });
    }
  }
  const say = (ctx: Context, k: string, replies: Reply[], conversed = true) => post(ctx, k, render(replies, t), conversed);

  async function core(k: string, inbound: Inbound): Promise<Reply[]> {
    const r = await service.send(k, inbound);
    logger.info({ intent: r.debug.intent, flow: r.debug.flow, step: r.debug.step }, 'message');
    return r.replies;
  }
  /** One core turn. A chat without a session (new, expired, wiped) gets one first, then its answer. */
  async function turn(k: string, inbound: Inbound): Promise<Reply[][]> {
    try {
      return [await core(k, inbound)];
    } catch (err) {
      if (!isCode(err, 'VH_CONVERSATION_NOT_FOUND')) throw err;
    }
    const before = [text(memory.hadConversation(k) ? content.texts.expired : t.privacyNotice)];
    const created = await service.create({ id: k }).catch((err: unknown) => {
      if (!isCode(err, 'VH_CONFLICT')) throw err; // created meanwhile by another instance: fine
    });
    if (inbound.type === 'choice') return [before, created?.replies ?? []];
    return [before, await core(k, inbound)];
  }

  /** The kind line for a failed turn; unexpected failures are logged by code. */
  function kindError(err: unknown): string {
    if (isCode(err, 'VH_TEXT_TOO_LONG')) return content.texts.errors.tooLong;
    if (isCode(err, 'VH_EMPTY_TEXT')) return t.notText;
    if (isCode(err, 'VH_UNKNOWN_CHOICE')) return t.staleButton;
    if (!isCode(err, 'VH_UNAVAILABLE')) logger.error({ code: err instanceof CodedError ? err.code : 'VH_INTERNAL', err }, 'telegram turn failed');
    return content.texts.errors.unavailable;
  }

  /** Shows "typing…", runs the work, sends what came out (or a kind line when it failed). */
  async function respond(ctx: Context, work: (k: string) => Promise<Reply[][]>): Promise<void> {
    const k = key(ctx);
    void quiet(ctx.api.sendChatAction(ctx.chat!.id, 'typing'));
    let batches: Reply[][];
    try {
      batches = await work(k);
    } catch (err) {
      batches = [[text(kindError(err))]];
    }
    for (const b of batches) if (b.length > 0) await say(ctx, k, b);
  }

  async function wipe(ctx: Context, k: string, tapped: number | undefined): Promise<void> {
    const ids = memory.take(k, tapped);
    for (let i = 0; i < ids.length; i += 100) {
      const batch = ids.slice(i, i + 100);
      const ok = await ctx.api.deleteMessages(ctx.chat!.id, batch).then(() => true, () => false);
      if (!ok) for (const id of batch) await quiet(ctx.api.deleteMessage(ctx.chat!.id, id));
    }
    try {
      await service.forget(k);
    } catch (err) {
      return say(ctx, k, [text(kindError(err))], false);
    }
    await say(ctx, k, [text(t.wiped)], false);
  }

  bot.catch(async ({ error, ctx }) => {
    if (error instanceof GrammyError && error.error_code === 403 && ctx.chat?.type === 'private') {
      // Blocked by the user: drop the chat quietly; there is nobody to answer any more.
      const k = keyOf(ctx.chat.id);
      memory.drop(k);
      await service.forget(k).catch(() => undefined);
      return logger.info({ method: error.method, code: 403 }, 'telegram chat gone; session forgotten');
    }
    if (error instanceof GrammyError) return logger.warn({ method: error.method, code: error.error_code }, 'telegram call failed');
    if (error instanceof HttpError) return logger.warn({ code: 'network' }, 'telegram api unreachable');
    logger.error({ err: error }, 'telegram update failed');
  });

  // Private chats only, one update at a time per chat. A group hears it once, then nothing.
  bot.use(async (ctx, next) => {
    const chat = ctx.chat;
    if (!chat) return;
    if (chat.type === 'private') return serial.run(keyOf(chat.id), () => next());
    if (ctx.callbackQuery) return void (await quiet(ctx.answerCallbackQuery()));
    if (ctx.message && groups.first(keyOf(chat.id))) await ctx.reply(t.groupRefusal);
  });

  bot.command('start', (ctx) =>
    respond(ctx, async (k) => {
      await service.forget(k);
      return [[text(t.privacyNotice)], (await service.create({ id: k })).replies];
    }),
  );
  bot.command('menu', (ctx) => respond(ctx, (k) => turn(k, { type: 'command', command: 'menu' })));
  bot.command('hulp', (ctx) => respond(ctx, (k) => turn(k, { type: 'command', command: 'help' })));
  bot.command('wis', (ctx) => {
    const keyboard = [[{ text: t.wipeYes, callback_data: WIPE_YES }], [{ text: t.wipeNo, callback_data: WIPE_NO }]];
    return post(ctx, key(ctx), [{ text: t.wipeConfirm, entities: [], keyboard }], false);
  });

  bot.on('callback_query:data', async (ctx) => {
    const k = key(ctx);
    const data = ctx.callbackQuery.data;
    const tapped = ctx.callbackQuery.message?.message_id;
    await quiet(ctx.answerCallbackQuery());
    const tap = tapped === undefined ? 'current' : memory.tap(k, tapped);
    if (tap === 'again') return; // a double tap
    if (data === WIPE_YES) return wipe(ctx, k, tapped);
    if (tapped !== undefined) await quiet(ctx.api.editMessageReplyMarkup(ctx.chat!.id, tapped));
    if (data === WIPE_NO) return say(ctx, k, [text(t.wipeCancelled)], false);
    const id = choiceOf(data);
    if (tap === 'stale' || id === undefined) return say(ctx, k, [text(t.staleButton)]);
    return respond(ctx, (k) => turn(k, { type: 'choice', id }));
  });
  bot.on('callback_query', (ctx) => quiet(ctx.answerCallbackQuery()));

  bot.on('message:text', (ctx) => respond(ctx, (k) => turn(k, { type: 'text', text: ctx.message.text })));
  bot.on('message', async (ctx) => {
    const m = ctx.message;
    const kind = MEDIA.find(([field]) => m[field] !== undefined)?.[1];
    if (kind) {
      const caption = m.caption?.trim();
      return respond(ctx, async (k) => {
        const refused = await turn(k, { type: 'media', kind });
        if (!caption) return refused;
        return [...refused, ...(await turn(k, { type: 'text', text: caption }).catch((err: unknown) => [[text(kindError(err))]]))];
      });
    }
    if (NOT_TEXT.some((field) => m[field] !== undefined)) return say(ctx, key(ctx), [text(t.notText)]);
  });

  return { bot, memory, serial, keyOf };
}
