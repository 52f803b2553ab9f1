/**
 * The channel contract for Telegram, against the local fake Bot API (long polling).
 *
 * Telegram has no error frames: a person sees a kind line instead. So this driver reads the
 * content's error lines as the codes the contract expects:
 * - a message of 1,001-4,096 characters (Telegram carries it) → texts.errors.tooLong = VH_TEXT_TOO_LONG;
 * - a tap on a button the bot does not offer now (an older question's button; Telegram clients
 *   cannot invent one, but old buttons stay tappable) → telegram.staleButton = VH_UNKNOWN_CHOICE.
 */
import { channelContract, type Seen } from './contract.js';
import { choiceOf } from '../../src/channels/telegram-render.js';
import { buttons, startTelegram, TgChat, type Step, type TelegramTest } from '../helpers/telegram.js';

let tg: TelegramTest;

function seen(step: Step): Seen {
  const content = tg.t.service.conversation.content;
  const errors: Record<string, string> = {
    [content.texts.errors.tooLong]: 'VH_TEXT_TOO_LONG',
    [content.telegram.staleButton]: 'VH_UNKNOWN_CHOICE',
    [content.texts.errors.unavailable]: 'VH_UNAVAILABLE',
    [content.telegram.notText]: 'VH_EMPTY_TEXT',
  };
  const out: Seen = { texts: [], choices: [], links: [] };
  for (const m of step.messages) {
    const text = String(m.params.text);
    if (errors[text]) out.error = errors[text];
    out.texts.push(text);
    for (const b of buttons(m)) {
      if (b.callback_data) out.choices.push({ id: choiceOf(b.callback_data) ?? b.callback_data, label: b.text });
      if (b.url) out.links.push(b.url);
    }
  }
  return out;
}

channelContract('Telegram', {
  canSendUnknownChoice: true,
  canSendLongText: true,
  async setup() {
    tg = await startTelegram();
  },
  async teardown() {
    await tg.close();
  },
  async driver() {
    const chat = new TgChat(tg.fake);
    return {
      start: async () => seen(await chat.send('/start')),
      say: async (text) => seen(await chat.send(text)),
      choose: async (id) => seen(await chat.tap(id)),
      async close() {},
    };
  },
});
