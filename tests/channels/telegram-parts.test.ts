/** The Telegram adapter's parts on their own: rendering and splitting, the bounded memories, the session key, 429 retries. */
import { describe, expect, test } from 'vitest';
import type { TelegramTexts } from '../../src/content/channel-texts.js';
import { callbackData, choiceOf, MAX_MESSAGE, render, split } from '../../src/channels/telegram-render.js';
import { ChatMemory, chatKeyer, DELETE_WINDOW_MS, Notices, Serial } from '../../src/channels/telegram-state.js';
import type { Reply } from '../../src/core/messages.js';
import { CONVERSATION_ID } from '../../src/core/service.js';
import { retryAfter } from '../../src/server/plugins/telegram.js';

const t = { callLabel: 'CALL', chatLabel: 'CHAT', siteLabel: 'SITE' } as TelegramTexts;

const referral = (over: Partial<Extract<Reply, { type: 'referral' }>> = {}): Reply => ({
  type: 'referral',
  id: 'x',
  label: 'Org',
  description: 'For things.',
  phone: '0800-0000',
  url: 'https://org.example',
  chat: 'https://org.example/chat',
  status: 'open',
  statusText: 'OPEN',
  anonymous: 'ja',
  ...over,
});

describe('render', () => {
  test('texts of one turn share a message; a question ends it with its buttons', () => {
    const out = render(
      [
        { type: 'text', text: 'one' },
        { type: 'text', text: 'two' },
        { type: 'choices', text: 'pick?', choices: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }] },
        { type: 'text', text: 'after' },
      ],
      t,
    );
    expect(out).toEqual([
      { text: 'one\n\ntwo\n\npick?', entities: [], keyboard: [[{ text: 'A', callback_data: 'a' }], [{ text: 'B', callback_data: 'b' }]], choices: true },
      { text: 'after', entities: [] },
    ]);
  });

  test('a referral is a card of its own: bold name, phone as text, https links as buttons', () => {
    const out = render([{ type: 'text', text: 'before' }, referral(), referral({ chat: undefined, phone: undefined, url: 'https://org.example' })], t);
    expect(out).toHaveLength(3);
    expect(out[1]).toEqual({
      text: 'Org\nFor things.\nCALL 0800-0000\nOPEN',
      entities: [{ type: 'bold', offset: 0, length: 3 }],
      keyboard: [[{ text: 'CHAT', url: 'https://org.example/chat' }], [{ text: 'SITE', url: 'https://org.example' }]],
    });
    expect(out[2]!.text).not.toContain('CALL');
    expect(out[2]!.keyboard).toEqual([[{ text: 'SITE', url: 'https://org.example' }]]);
    // The same address for chat and site: one button.
    expect(render([referral({ url: 'https://same.example', chat: 'https://same.example' })], t)[0]!.keyboard).toHaveLength(1);
  });

  test('texts that would pass 4,096 characters together go in separate messages', () => {
    const a = 'a'.repeat(3000);
    const out = render([{ type: 'text', text: a }, { type: 'text', text: a }], t);
    expect(out.map((m) => m.text)).toEqual([a, a]);
  });

  test('a long text is split at paragraph, line or word breaks; buttons on the last part; entities clipped', () => {
    const para = (n: number) => `${'woord '.repeat(n).trim()}`;
    const text = [para(500), para(500), para(500)].join('\n\n');
    const parts = split({ text, entities: [{ type: 'bold', offset: 2990, length: 20 }], keyboard: [[{ text: 'A', callback_data: 'a' }]], choices: true });
    expect(parts.length).toBe(3);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(parts.map((p) => p.text).join('\n\n')).toBe(text);
    expect(parts.slice(0, -1).every((p) => p.keyboard === undefined)).toBe(true);
    expect(parts.at(-1)!.keyboard).toEqual([[{ text: 'A', callback_data: 'a' }]]);
    expect(parts.at(-1)!.choices).toBe(true);
    expect(parts[0]!.entities).toEqual([{ type: 'bold', offset: 2990, length: 9 }]);
    expect(parts[1]!.entities).toEqual([{ type: 'bold', offset: 0, length: 9 }]);
  });

  test('without breaks, a split never cuts an emoji in half', () => {
    const text = 'x'.repeat(MAX_MESSAGE - 1) + '😀'.repeat(10);
    const parts = split({ text, entities: [] });
    expect(parts.map((p) => p.text).join('')).toBe(text);
    for (const p of parts) expect(p.text.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(parts[0]!.text.endsWith('x')).toBe(true);
  });

  test('callback data stays within 64 bytes; a long id goes as a hash and comes back', () => {
    expect(callbackData('betaald')).toBe('betaald');
    const long = 'een_heel_lange_keuze_die_langer_is_dan_vierenzestig_bytes_in_totaal_x';
    const data = callbackData(long);
    expect(Buffer.byteLength(data)).toBeLessThanOrEqual(64);
    expect(choiceOf(data)).toBe(long);
    expect(choiceOf('#unknown')).toBeUndefined();
  });
});

describe('memory', () => {
  test('message ids are kept only within the 48-hour window and bounded per chat', () => {
    let now = 0;
    const m = new ChatMemory({ maxChats: 10, maxIdsPerChat: 3, now: () => now });
    m.remember('k', 1, { conversed: true });
    now = DELETE_WINDOW_MS - 1;
    m.remember('k', 2);
    now = DELETE_WINDOW_MS + 10;
    m.remember('k', 3);
    m.remember('k', 4);
    m.remember('k', 5);
    expect(m.take('k')).toEqual([3, 4, 5]);
    // After 48 hours without news, the chat is forgotten entirely.
    m.remember('old', 1, { conversed: true });
    expect(m.hadConversation('old')).toBe(true);
    now += DELETE_WINDOW_MS + 1;
    m.sweep();
    expect(m.hadConversation('old')).toBe(false);
    expect(m.take('old')).toEqual([]);
  });

  test('bounded in chats: the least recently used chat is forgotten first', () => {
    const m = new ChatMemory({ maxChats: 2, maxIdsPerChat: 10 });
    m.remember('a', 1);
    m.remember('b', 1);
    m.remember('a', 2);
    m.remember('c', 1);
    expect(m.size).toBe(2);
    expect(m.take('b')).toEqual([]);
    expect(m.take('a')).toEqual([1, 2]);
  });

  test('taps: the latest buttons count once; older buttons are stale', () => {
    const m = new ChatMemory({ maxChats: 10, maxIdsPerChat: 10 });
    m.remember('k', 1, { keyboard: true });
    m.remember('k', 2, { keyboard: true });
    expect(m.tap('k', 2)).toBe('current');
    expect(m.tap('k', 2)).toBe('again');
    expect(m.tap('k', 1)).toBe('stale');
    expect(m.tap('unknown chat', 7)).toBe('current');
    // After /wis the confirming tap is remembered, so a double tap does not wipe twice.
    m.take('k', 3);
    expect(m.tap('k', 3)).toBe('again');
  });

  test('group notices: once per group, bounded', () => {
    const n = new Notices(2);
    expect(n.first('g1')).toBe(true);
    expect(n.first('g1')).toBe(false);
    n.first('g2');
    n.first('g3');
    expect(n.first('g1')).toBe(true);
  });

  test('serial: one chat in order, other chats in parallel', async () => {
    const s = new Serial();
    const order: string[] = [];
    const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));
    await Promise.all([
      s.run('a', async () => {
        await wait(40);
        order.push('a1');
      }),
      s.run('a', async () => {
        order.push('a2');
      }),
      s.run('b', async () => {
        order.push('b1');
      }),
    ]);
    expect(order).toEqual(['b1', 'a1', 'a2']);
    await s.run('a', () => Promise.reject(new Error('x'))).catch(() => undefined);
    await s.run('a', async () => void order.push('after a failure'));
    expect(order.at(-1)).toBe('after a failure');
  });
});

test('the session key: a keyed hash of the chat id, a valid conversation id, different per bot', () => {
  const key = chatKeyer('111:token-one-aaaaaaaaaaaaaaaaaaaa');
  expect(key(42)).toBe(key(42));
  expect(key(42)).not.toBe(key(43));
  expect(key(42)).toMatch(CONVERSATION_ID);
  expect(chatKeyer('222:token-two-bbbbbbbbbbbbbbbbbbbb')(42)).not.toBe(key(42));
});

describe('retry after 429', () => {
  type Res = { ok: boolean; error_code?: number; parameters?: { retry_after?: number }; result?: unknown };
  const run = async (method: string, answers: Res[], opts = { maxAttempts: 3, maxDelaySeconds: 1 }) => {
    let calls = 0;
    const prev = async () => answers[Math.min(calls++, answers.length - 1)]!;
    const transformer = retryAfter(opts) as unknown as (prev: () => Promise<Res>, method: string, payload: object) => Promise<Res>;
    const res = await transformer(prev, method, {});
    return { res, calls };
  };
  const tooMany = (s: number): Res => ({ ok: false, error_code: 429, parameters: { retry_after: s } });

  test('waits retry_after, then tries again', async () => {
    const started = Date.now();
    const { res, calls } = await run('sendMessage', [tooMany(1), { ok: true, result: true }]);
    expect(res.ok).toBe(true);
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test('gives up when Telegram asks for a longer wait than the cap, or after the last attempt', async () => {
    expect((await run('sendMessage', [tooMany(60)])).calls).toBe(1);
    expect((await run('sendMessage', [tooMany(0)], { maxAttempts: 3, maxDelaySeconds: 1 })).calls).toBe(3);
  });

  test('other errors, "typing" and getUpdates are not retried', async () => {
    expect((await run('sendMessage', [{ ok: false, error_code: 403 }])).calls).toBe(1);
    expect((await run('sendChatAction', [tooMany(0)])).calls).toBe(1);
    expect((await run('getUpdates', [tooMany(0)])).calls).toBe(1);
  });
});
