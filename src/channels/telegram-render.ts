/**
 * Core replies as Telegram messages. No parse_mode is ever used: text goes out as plain text with
 * explicit entities (bold for an organisation's name), so nothing in a reply can become markup.
 *
 * - Consecutive texts of one turn become one message (paragraphs); a question with buttons ends
 *   its message and carries an inline keyboard (callback_data = the choice id, at most 64 bytes).
 * - A referral is a card of its own: the name in bold, what it is for, "Bel <number>" as text
 *   (Telegram does not allow tel: links in buttons; apps make numbers tappable themselves), the
 *   opening status, and https links as URL buttons under the card.
 * - A message longer than Telegram's 4,096 characters is split at a paragraph, line or word; the
 *   buttons go on the last part.
 */
import { createHash } from 'node:crypto';
import type { InlineKeyboardButton, MessageEntity } from 'grammy/types';
import type { TelegramTexts } from '../content/channel-texts.js';
import type { Reply } from '../core/messages.js';

/** Telegram's limit per text message (UTF-16 code units, which is what JavaScript counts). */
export const MAX_MESSAGE = 4096;
export const MAX_CALLBACK_DATA = 64;

export interface OutMessage {
  text: string;
  entities: MessageEntity[];
  keyboard?: InlineKeyboardButton[][];
  /** The keyboard holds the conversation's choices (so older choice buttons become stale). */
  choices?: boolean;
}

/** Choice ids longer than 64 bytes go out as a hash; ids come from content, so this map stays small. */
const longIds = new Map<string, string>();

export function callbackData(id: string): string {
  if (Buffer.byteLength(id) <= MAX_CALLBACK_DATA) return id;
  const hashed = `#${createHash('sha256').update(id).digest('base64url').slice(0, 32)}`;
  longIds.set(hashed, id);
  return hashed;
}

/** The choice id behind a button's callback_data (undefined: a hash this process never issued). */
export function choiceOf(data: string): string | undefined {
  return data.startsWith('#') ? longIds.get(data) : data;
}

export function render(replies: readonly Reply[], t: TelegramTexts, max = MAX_MESSAGE): OutMessage[] {
  const out: OutMessage[] = [];
  let paragraphs: string[] = [];
  const flush = () => {
    if (paragraphs.length > 0) out.push({ text: paragraphs.join('\n\n'), entities: [] });
    paragraphs = [];
  };
  for (const r of replies) {
    if (r.type === 'referral') {
      flush();
      out.push(card(r, t));
      continue;
    }
    const text = r.text.trim() || '…';
    if (paragraphs.length > 0 && [...paragraphs, text].join('\n\n').length > max) flush();
    paragraphs.push(text);
    if (r.type === 'choices') {
      const keyboard = r.choices.map((c) => [{ text: c.label, callback_data: callbackData(c.id) }]);
      out.push({ text: paragraphs.join('\n\n'), entities: [], keyboard, choices: true });
      paragraphs = [];
    }
  }
  flush();
  return out.flatMap((m) => split(m, max));
}

type Referral = Extract<Reply, { type: 'referral' }>;

function card(r: Referral, t: TelegramTexts): OutMessage {
  const lines = [r.label, r.description];
  if (r.phone) lines.push(`${t.callLabel} ${r.phone}`);
  if (r.phoneNote) lines.push(r.phoneNote);
  if (r.statusText) lines.push(r.statusText);
  const keyboard: InlineKeyboardButton[][] = [];
  const link = (label: string, url: string) => {
    if (/^https?:\/\//i.test(url)) keyboard.push([{ text: label, url }]);
    else lines.push(url);
  };
  if (r.chat) link(t.chatLabel, r.chat);
  if (r.url && r.url !== r.chat) link(t.siteLabel, r.url);
  return { text: lines.join('\n'), entities: [{ type: 'bold', offset: 0, length: r.label.length }], ...(keyboard.length ? { keyboard } : {}) };
}

/** Splits one message to Telegram's limit; entities are clipped to their part, buttons go last. */
export function split(m: OutMessage, max = MAX_MESSAGE): OutMessage[] {
  if (m.text.length <= max) return [m];
  const parts: OutMessage[] = [];
  const text = m.text;
  let start = 0;
  while (start < text.length) {
    let end = Math.min(start + max, text.length);
    if (end < text.length) {
      const window = text.slice(start, end);
      const cut = breakAt(window);
      if (cut > 0) end = start + cut;
      else if (isLowSurrogate(text.charCodeAt(end))) end -= 1; // never cut an emoji in half
    }
    parts.push({ text: text.slice(start, end), entities: clip(m.entities, start, end) });
    start = end;
    while (start < text.length && /\s/.test(text[start]!)) start++;
  }
  const last = parts[parts.length - 1]!;
  if (m.keyboard) last.keyboard = m.keyboard;
  if (m.choices) last.choices = true;
  return parts;
}

/** The last paragraph, line or word break in the second half of a window (0: none). */
function breakAt(window: string): number {
  for (const sep of ['\n\n', '\n', ' ']) {
    const i = window.lastIndexOf(sep);
    if (i > window.length / 2) return i;
  }
  return 0;
}

const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

function clip(entities: readonly MessageEntity[], start: number, end: number): MessageEntity[] {
  const out: MessageEntity[] = [];
  for (const e of entities) {
    const from = Math.max(e.offset, start);
    const to = Math.min(e.offset + e.length, end);
    if (to > from) out.push({ ...e, offset: from - start, length: to - from });
  }
  return out;
}
