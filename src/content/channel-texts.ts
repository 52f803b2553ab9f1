/**
 * Dutch texts of the channels themselves (the web widget's buttons and notices, the Telegram
 * bot's privacy notice and commands). They live in content/widget.yml and content/telegram.yml,
 * like all user-facing text, and are checked by these schemas at load time.
 */
import { z } from 'zod';
import { Source } from './schema.js';

const Text = z.string().trim().min(1, 'empty text');

export const WidgetTexts = z.strictObject({
  source: Source,
  /** Launcher button and panel title. */
  launcher: Text.max(40),
  title: Text.max(40),
  placeholder: Text.max(60),
  send: Text.max(20),
  close: Text.max(20),
  quickExit: Text.max(20),
  /** Said before the conversation: no trace on this device, how to clear history. */
  notice: Text,
  typing: Text.max(40),
  reconnecting: Text.max(80),
  offline: Text.max(120),
  expired: Text.max(160),
  tooLong: Text.max(120),
  error: Text.max(160),
  callLabel: Text.max(20),
  chatLabel: Text.max(20),
  siteLabel: Text.max(20),
  /** Name of the conversation area, for screen readers. */
  log: Text.max(40),
  /** Said before the young person's own messages, for screen readers ("Jij: …"). */
  you: Text.max(20),
  /** Added to links that open in a new window, for screen readers. */
  newWindow: Text.max(60),
});
export type WidgetTexts = z.infer<typeof WidgetTexts>;

export const TelegramTexts = z.strictObject({
  source: Source,
  /** /start: what this bot is, what Telegram sees, /wis. */
  privacyNotice: Text,
  groupRefusal: Text,
  wipeConfirm: Text,
  wipeYes: Text.max(40),
  wipeNo: Text.max(40),
  wiped: Text,
  wipeCancelled: Text,
  ownMessages: Text,
  notText: Text,
  /** A tap on a button of an older question. */
  staleButton: Text,
  commands: z.strictObject({ start: Text.max(256), menu: Text.max(256), wis: Text.max(256), hulp: Text.max(256) }),
  callLabel: Text.max(20),
  chatLabel: Text.max(20),
  siteLabel: Text.max(20),
});
export type TelegramTexts = z.infer<typeof TelegramTexts>;
