/**
 * What the widget receives from the service. `Reply` is the server's own type (a type-only import,
 * erased at build time), so a new reply field shows up here without a copy drifting apart.
 */
export type { Reply } from '../../src/core/messages.js';

/**
 * The widget's Dutch texts, served by GET /widget/texts.json from content/widget.yml. The widget
 * holds no user-facing text of its own: every word a young person reads comes from content.
 */
export interface Texts {
  launcher: string;
  title: string;
  placeholder: string;
  send: string;
  close: string;
  quickExit: string;
  notice: string;
  typing: string;
  reconnecting: string;
  offline: string;
  expired: string;
  tooLong: string;
  error: string;
  callLabel: string;
  chatLabel: string;
  siteLabel: string;
  log: string;
  you: string;
  newWindow: string;
}

export const TEXT_KEYS: ReadonlyArray<keyof Texts> = [
  'launcher', 'title', 'placeholder', 'send', 'close', 'quickExit', 'notice', 'typing', 'reconnecting',
  'offline', 'expired', 'tooLong', 'error', 'callLabel', 'chatLabel', 'siteLabel', 'log', 'you', 'newWindow',
];
