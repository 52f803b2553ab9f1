/**
 * The app with the Telegram bot pointed at a local fake Bot API (tests/helpers/fake-telegram.ts),
 * and a person chatting with it: every step pushes an update, waits until the bot has handled it
 * and returns what the bot did in that chat meanwhile.
 */
import type { Bot } from '../../src/core/bot.js';
import type { SessionStore } from '../../src/core/session.js';
import type { Config } from '../../src/server/config.js';
import type { TelegramChannel } from '../../src/server/plugins/telegram.js';
import { makeTestApp, type TestApp } from './app.js';
import { FakeTelegram, type Call } from './fake-telegram.js';

export interface TelegramTest {
  fake: FakeTelegram;
  t: TestApp;
  channel: TelegramChannel;
  close(): Promise<void>;
}

/** Polling mode unless the overrides set PUBLIC_URL (webhook mode: start() sets the webhook). */
export async function startTelegram(overrides: Partial<Config> = {}, opts: { store?: SessionStore; bot?: Bot; start?: boolean } = {}): Promise<TelegramTest> {
  const fake = await FakeTelegram.start();
  const t = await makeTestApp({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, ...overrides }, opts);
  const channel = t.telegram!;
  if (opts.start ?? true) await channel.start({ pollTimeoutSeconds: 1 });
  return {
    fake,
    t,
    channel,
    async close() {
      await t.app.close();
      await fake.close();
    },
  };
}

export interface Step {
  /** Every call the bot made for this chat during the step (sendMessage, sendChatAction, …). */
  calls: Call[];
  /** The sendMessage calls that succeeded. */
  messages: Call[];
  texts: string[];
}

let nextChat = 1000;

/** A person in a private chat with the bot. */
export class TgChat {
  readonly id: number;
  constructor(
    private readonly fake: FakeTelegram,
    id?: number,
  ) {
    this.id = id ?? nextChat++;
  }

  send(text: string): Promise<Step> {
    return this.step(() => this.fake.text(this.id, text));
  }

  photo(caption?: string): Promise<Step> {
    return this.step(() => this.fake.photo(this.id, caption));
  }

  media(fields: Record<string, unknown>): Promise<Step> {
    return this.step(() => this.fake.media(this.id, fields));
  }

  /** Taps the button with this callback_data (on the latest bot message that has it, unless told which). */
  tap(data: string, messageId?: number): Promise<Step> {
    const on = messageId ?? this.messageWithButton(data) ?? this.lastMessageId();
    return this.step(() => this.fake.tap(this.id, data, on));
  }

  /** The id of the latest bot message in this chat that carries a button with this data. */
  messageWithButton(data: string): number | undefined {
    const m = this.fake
      .callsTo('sendMessage', this.id)
      .filter((c) => c.response.ok && buttons(c).some((b) => b.callback_data === data))
      .at(-1);
    return m?.response.result.message_id;
  }

  lastMessageId(): number {
    return this.fake.callsTo('sendMessage', this.id).filter((c) => c.response.ok).at(-1)?.response.result.message_id ?? 1;
  }

  /** Ids of every message the bot sent to this chat. */
  botMessageIds(): number[] {
    return this.fake.callsTo('sendMessage', this.id).filter((c) => c.response.ok).map((c) => c.response.result.message_id as number);
  }

  private async step(push: () => number): Promise<Step> {
    const before = this.fake.calls.length;
    const update = push();
    await this.fake.handled(update);
    const calls = this.fake.calls.slice(before).filter((c) => c.params.chat_id === this.id || c.method === 'answerCallbackQuery');
    const messages = calls.filter((c) => c.method === 'sendMessage' && c.response.ok);
    return { calls, messages, texts: messages.map((c) => String(c.params.text)) };
  }
}

export interface Button {
  text: string;
  callback_data?: string;
  url?: string;
}

export function buttons(call: Call): Button[] {
  return ((call.params.reply_markup?.inline_keyboard ?? []) as Button[][]).flat();
}
