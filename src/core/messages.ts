/**
 * The channel-neutral message types. Channels map their transport to `Inbound` and render
 * `Reply[]`; the core never sees HTTP, WebSocket or Telegram.
 */

export type Inbound =
  | { type: 'start'; expired?: boolean }
  | { type: 'text'; text: string }
  | { type: 'choice'; id: string }
  /** A picture, video, voice note, file or sticker: never downloaded, answered in text. */
  | { type: 'media'; kind: 'photo' | 'video' | 'voice' | 'document' | 'sticker' | 'other' }
  | { type: 'command'; command: 'menu' | 'help' | 'restart' };

export interface ChoiceOption {
  id: string;
  label: string;
}

/** Whether a service can be reached now (Europe/Amsterdam time). */
export type OpenStatus = 'always' | 'open' | 'closed' | 'unknown';

export type Reply =
  | { type: 'text'; text: string }
  | { type: 'choices'; text: string; choices: ChoiceOption[] }
  | {
      type: 'referral';
      id: string;
      /** The organisation's name. */
      label: string;
      /** What you can go there for. */
      description: string;
      phone?: string;
      phoneNote?: string;
      url?: string;
      chat?: string;
      status: OpenStatus;
      /** "Nu open", "Weer open om 11:00", … */
      statusText: string;
      anonymous: 'ja' | 'nee' | 'deels' | 'onbekend';
    };

/** What the worker studio sees next to a reply; never sent on the public API. */
export interface Debug {
  intent?: string;
  score?: number;
  match?: 'matched' | 'unsure' | 'none' | 'choice' | 'system';
  flow: string;
  step: string;
}
