/**
 * One channel contract, many channels (HTTP, WebSocket, Telegram): the same conversation must
 * behave the same whatever carries it.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';

/** What a person sees after one turn, in any channel. */
export interface Seen {
  texts: string[];
  choices: Array<{ id: string; label: string }>;
  /** Phone numbers and web addresses shown as tappable links or cards. */
  links: string[];
  error?: string;
}

export interface ChannelDriver {
  start(): Promise<Seen>;
  say(text: string): Promise<Seen>;
  choose(id: string): Promise<Seen>;
  close(): Promise<void>;
}

export interface ChannelHarness {
  setup(): Promise<void>;
  teardown(): Promise<void>;
  driver(): Promise<ChannelDriver>;
  /** Whether the channel can send a button id that was never offered (Telegram cannot). */
  canSendUnknownChoice?: boolean;
  /** Whether the channel can carry a message longer than 1,000 characters. */
  canSendLongText?: boolean;
}

const all = (s: Seen) => [...s.texts, ...s.choices.map((c) => c.label), ...s.links].join('\n').toLowerCase();

export function channelContract(name: string, harness: ChannelHarness): void {
  describe(`channel contract: ${name}`, () => {
    beforeAll(() => harness.setup());
    afterAll(() => harness.teardown());

    test('the welcome says it is a computer program and shows where to start', async () => {
      const d = await harness.driver();
      const seen = await d.start();
      expect(all(seen)).toContain('computerprogramma');
      expect(seen.choices.length).toBeGreaterThanOrEqual(2);
      await d.close();
    });

    test('a sextortion message: never pay, then buttons; a button continues the flow', async () => {
      const d = await harness.driver();
      await d.start();
      const seen = await d.say('hij dreigt mijn naaktfoto te delen als ik niet betaal');
      expect(all(seen)).toContain('betaal niet');
      expect(seen.choices.map((c) => c.id)).toContain('betaald');
      const next = await d.choose('betaald');
      expect(all(next)).toContain('niet jouw schuld');
      await d.close();
    });

    test('crisis words at any point: 113 and 0800-0113', async () => {
      const d = await harness.driver();
      await d.start();
      await d.say('iemand wil geld anders deelt hij mn nudes');
      const seen = await d.say('ik wil dood');
      expect(all(seen)).toContain('113');
      expect(all(seen)).toContain('0800-0113');
      await d.close();
    });

    test('acute danger: 112 first', async () => {
      const d = await harness.driver();
      await d.start();
      const seen = await d.say('hij staat nu voor de deur en ik ben bang');
      expect(seen.texts[0]).toContain('112');
      await d.close();
    });

    test('not understood twice: the menu and people to talk to, never a loop', async () => {
      const d = await harness.driver();
      await d.start();
      await d.say('qwerty zxcvb');
      const second = await d.say('asdf ghjk');
      expect(all(second)).toContain('kindertelefoon');
      expect(second.choices.length).toBeGreaterThanOrEqual(2);
      await d.close();
    });

    test('markup stays literal text', async () => {
      const d = await harness.driver();
      await d.start();
      const seen = await d.say('<img src=x onerror=alert(1)>');
      expect(seen.error).toBeUndefined();
      expect(seen.texts.join(' ')).not.toContain('<img');
      await d.close();
    });

    test.runIf(harness.canSendUnknownChoice ?? true)('an unknown button id gets a coded error, and the conversation goes on', async () => {
      const d = await harness.driver();
      await d.start();
      const seen = await d.choose('bestaat_niet');
      expect(seen.error).toBe('VH_UNKNOWN_CHOICE');
      const after = await d.say('hoi');
      expect(after.error).toBeUndefined();
      await d.close();
    });

    test.runIf(harness.canSendLongText ?? true)('a message over 1,000 characters gets a coded error', async () => {
      const d = await harness.driver();
      await d.start();
      const seen = await d.say('a'.repeat(1001));
      expect(seen.error).toBe('VH_TEXT_TOO_LONG');
      await d.close();
    });
  });
}

/** Seen from the core's reply list (HTTP and WebSocket carry the same JSON). */
export function seenFromReplies(replies: Array<Record<string, unknown>>): Seen {
  const seen: Seen = { texts: [], choices: [], links: [] };
  for (const r of replies) {
    if (r.type === 'text') seen.texts.push(String(r.text));
    else if (r.type === 'choices') {
      seen.texts.push(String(r.text));
      seen.choices.push(...(r.choices as Seen['choices']));
    } else if (r.type === 'referral') {
      seen.texts.push(`${String(r.label)}: ${String(r.description)}`);
      for (const k of ['phone', 'url', 'chat']) if (typeof r[k] === 'string') seen.links.push(r[k] as string);
      if (typeof r.phoneNote === 'string') seen.texts.push(r.phoneNote);
    }
  }
  return seen;
}
