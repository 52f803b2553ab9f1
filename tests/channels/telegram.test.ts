/**
 * The Telegram bot against a local fake Bot API over real HTTP (no network): long polling for
 * most tests, the webhook route through fastify inject. See issue 7 and shared/api.md "Telegram".
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WIPE_NO, WIPE_YES } from '../../src/channels/telegram.js';
import { MemorySessionStore } from '../../src/core/memory-store.js';
import { CONVERSATION_ID } from '../../src/core/service.js';
import type { SessionStore } from '../../src/core/session.js';
import { makeTestApp } from '../helpers/app.js';
import { FakeTelegram } from '../helpers/fake-telegram.js';
import { buttons, startTelegram, TgChat, type TelegramTest } from '../helpers/telegram.js';

const SECRET = 'webhook-secret-for-tests-0123456789';

describe('Telegram bot (long polling)', () => {
  let tg: TelegramTest;
  const content = () => tg.t.service.conversation.content;
  beforeAll(async () => {
    tg = await startTelegram();
  });
  afterAll(() => tg.close());

  test('at start: the four commands with their Dutch descriptions, polling for messages and taps only', async () => {
    await tg.fake.until(() => tg.fake.callsTo('getUpdates').length > 0);
    const commands = tg.fake.callsTo('setMyCommands')[0]!.params.commands;
    const c = content().telegram.commands;
    expect(commands).toEqual([
      { command: 'start', description: c.start },
      { command: 'menu', description: c.menu },
      { command: 'wis', description: c.wis },
      { command: 'hulp', description: c.hulp },
    ]);
    expect(tg.fake.callsTo('deleteWebhook')).toHaveLength(1);
    expect(tg.fake.callsTo('getUpdates')[0]!.params.allowed_updates).toEqual(['message', 'callback_query']);
    expect(tg.channel.mode).toBe('polling');
  });

  test('/start: "typing", the privacy notice first, then the welcome with buttons', async () => {
    const chat = new TgChat(tg.fake);
    const step = await chat.send('/start');
    expect(step.calls[0]).toMatchObject({ method: 'sendChatAction', params: { action: 'typing' } });
    expect(step.texts[0]).toBe(content().telegram.privacyNotice);
    expect(step.texts[1]).toContain('computerprogramma');
    expect(buttons(step.messages.at(-1)!).length).toBeGreaterThanOrEqual(2);
    // No parse_mode anywhere: text is plain, formatting only through entities.
    for (const m of step.messages) expect(m.params.parse_mode).toBeUndefined();
  });

  test('a sextortion conversation: a tap is answered (answerCallbackQuery), its buttons go, the flow goes on', async () => {
    const chat = new TgChat(tg.fake);
    await chat.send('/start');
    const welcomeId = chat.messageWithButton('dreigen')!;
    await chat.send('/menu');
    // Through the menu's button (the typed route is the channel contract's; this one does not depend on the matcher).
    const threat = await chat.tap('dreigen');
    expect(threat.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(1);
    expect(threat.texts.join('\n').toLowerCase()).toContain('betaal niet');
    const withButtons = threat.messages.at(-1)!;
    expect(buttons(withButtons).map((b) => b.callback_data)).toContain('betaald');
    for (const b of buttons(withButtons)) expect(Buffer.byteLength(b.callback_data!)).toBeLessThanOrEqual(64);

    const msgId = withButtons.response.result.message_id;
    const tap = await chat.tap('betaald', msgId);
    expect(tap.calls.filter((c) => c.method === 'answerCallbackQuery')).toHaveLength(1);
    expect(tap.calls.find((c) => c.method === 'editMessageReplyMarkup')?.params).toMatchObject({ message_id: msgId });
    expect(tap.texts.join('\n').toLowerCase()).toContain('niet jouw schuld');

    // A double tap on the same message: answered, nothing else happens.
    const again = await chat.tap('betaald', msgId);
    expect(again.calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);

    // A tap on an older question's buttons: a kind line, not an error and not a wrong answer.
    const stale = await chat.tap('dreigen', welcomeId);
    expect(stale.texts).toEqual([content().telegram.staleButton]);
  });

  test('crisis words: 113 and 0800-0113 on a card with a bold name and an https button (no tel: links)', async () => {
    const chat = new TgChat(tg.fake);
    await chat.send('/start');
    await chat.send('iemand wil geld anders deelt hij mn nudes');
    const crisis = await chat.send('ik wil dood');
    const all = crisis.texts.join('\n');
    expect(all).toContain('113');
    expect(all).toContain('0800-0113');
    const card = crisis.messages.find((m) => String(m.params.text).startsWith('113'))!;
    expect(card.params.entities[0]).toMatchObject({ type: 'bold', offset: 0 });
    const urls = crisis.messages.flatMap(buttons).flatMap((b) => (b.url ? [b.url] : []));
    expect(urls.length).toBeGreaterThan(0);
    for (const u of urls) expect(u).toMatch(/^https:\/\//);
  });

  test('crisis words without /start (a new or expired chat): the notice, then the answer', async () => {
    const chat = new TgChat(tg.fake);
    const step = await chat.send('ik wil niet meer leven');
    expect(step.texts[0]).toBe(content().telegram.privacyNotice);
    expect(step.texts.join('\n')).toContain('113');
  });

  test('a photo is never downloaded: the refusal, and getFile is never called; a caption is still heard', async () => {
    const chat = new TgChat(tg.fake);
    await chat.send('/start');
    const photo = await chat.photo();
    expect(photo.texts[0]).toContain(content().texts.imageRefused);
    const captioned = await chat.photo('ik wil dood');
    expect(captioned.texts[0]).toContain(content().texts.imageRefused);
    expect(captioned.texts.join('\n')).toContain('113');
    for (const fields of [
      { sticker: { file_id: 's', file_unique_id: 's', type: 'regular', width: 512, height: 512, is_animated: false, is_video: false } },
      { voice: { file_id: 'v', file_unique_id: 'v', duration: 3 } },
      { video: { file_id: 'v', file_unique_id: 'v', width: 1, height: 1, duration: 1 } },
      { video_note: { file_id: 'n', file_unique_id: 'n', length: 1, duration: 1 } },
      { animation: { file_id: 'a', file_unique_id: 'a', width: 1, height: 1, duration: 1 } },
      { document: { file_id: 'd', file_unique_id: 'd', file_name: 'x.pdf' } },
    ]) {
      const step = await chat.media(fields);
      expect(step.texts[0]).toContain(content().texts.imageRefused);
    }
    const location = await chat.media({ location: { latitude: 52.37, longitude: 4.89 } });
    expect(location.texts).toEqual([content().telegram.notText]);
    expect(tg.fake.callsTo('getFile')).toHaveLength(0);
  });

  test('/wis: one confirming tap, then every bot message of the chat is deleted and the session forgotten', async () => {
    const chat = new TgChat(tg.fake);
    await chat.send('/start');
    await chat.send('hij dreigt mijn naaktfoto te delen als ik niet betaal');
    const key = tg.channel.adapter.keyOf(chat.id);
    expect(await tg.t.service.exists(key)).toBe(true);

    const confirm = await chat.send('/wis');
    expect(confirm.texts).toEqual([content().telegram.wipeConfirm]);
    expect(buttons(confirm.messages[0]!).map((b) => b.callback_data)).toEqual([WIPE_YES, WIPE_NO]);
    const botMessages = chat.botMessageIds();

    const wipe = await chat.tap(WIPE_YES);
    const deleted = wipe.calls.flatMap((c) => (c.method === 'deleteMessages' ? c.params.message_ids : c.method === 'deleteMessage' ? [c.params.message_id] : []));
    expect(deleted.sort((a: number, b: number) => a - b)).toEqual(botMessages);
    expect(wipe.texts).toEqual([content().telegram.wiped]);
    expect(await tg.t.service.exists(key)).toBe(false);

    // A second tap on the same (deleted) confirmation does nothing.
    const again = await chat.tap(WIPE_YES, confirm.messages[0]!.response.result.message_id);
    expect(again.calls.map((c) => c.method)).toEqual(['answerCallbackQuery']);

    // "Nee" deletes nothing.
    await chat.send('/wis');
    const no = await chat.tap(WIPE_NO);
    expect(no.calls.some((c) => c.method.startsWith('delete'))).toBe(false);
    expect(no.texts).toEqual([content().telegram.wipeCancelled]);
  });

  test('/menu and /hulp are the core commands', async () => {
    const chat = new TgChat(tg.fake);
    await chat.send('/start');
    const menu = await chat.send('/menu');
    expect(buttons(menu.messages.at(-1)!).length).toBeGreaterThanOrEqual(2);
    const help = await chat.send('/hulp');
    expect(help.texts.join('\n').toLowerCase()).toContain('kindertelefoon');
  });

  test('a message over 1,000 characters (Telegram carries up to 4,096): a kind "too long" line', async () => {
    const chat = new TgChat(tg.fake);
    await chat.send('/start');
    const long = await chat.send('a'.repeat(1001));
    expect(long.texts).toEqual([content().texts.errors.tooLong]);
  });

  test('groups: one notice per group, then silence; nothing reaches the core', async () => {
    const group = new TgChat(tg.fake, -100_111);
    const first = await group.send('/start');
    expect(first.texts).toEqual([content().telegram.groupRefusal]);
    const second = await group.send('hij dreigt mijn naaktfoto te delen');
    expect(second.calls).toEqual([]);
    const other = await new TgChat(tg.fake, -100_222).send('hallo');
    expect(other.texts).toEqual([content().telegram.groupRefusal]);
    expect(await tg.t.service.exists(tg.channel.adapter.keyOf(-100_111))).toBe(false);
  });

  test('a 429 from Telegram is retried after retry_after and the message is delivered', async () => {
    const chat = new TgChat(tg.fake);
    tg.fake.fail('sendMessage', { code: 429, retryAfter: 1, chatId: chat.id });
    const started = Date.now();
    const step = await chat.send('/start');
    const attempts = step.calls.filter((c) => c.method === 'sendMessage');
    expect(attempts[0]!.response.error_code).toBe(429);
    expect(attempts[1]!.params.text).toBe(attempts[0]!.params.text);
    expect(step.texts[0]).toBe(content().telegram.privacyNotice);
    expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(950);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  test('403 (the person blocked the bot): no crash, that session is dropped, other chats are still served', async () => {
    const blocked = new TgChat(tg.fake);
    await blocked.send('/start');
    const key = tg.channel.adapter.keyOf(blocked.id);
    expect(await tg.t.service.exists(key)).toBe(true);
    tg.fake.fail('sendMessage', { code: 403, times: 100, chatId: blocked.id });
    await blocked.send('hallo');
    expect(await tg.t.service.exists(key)).toBe(false);
    expect(tg.t.logs.join('')).toContain('"code":403');

    const other = await new TgChat(tg.fake).send('/start');
    expect(other.texts[0]).toBe(content().telegram.privacyNotice);
  });

  test('the session key is a keyed hash of the chat id; logs hold no text, no chat id, no token', async () => {
    const chatId = 987_654_321;
    const key = tg.channel.adapter.keyOf(chatId);
    expect(key).toMatch(CONVERSATION_ID);
    expect(key).not.toContain(String(chatId));
    const chat = new TgChat(tg.fake, chatId);
    await chat.send('/start');
    await chat.send('MARKERTEKST hij dreigt mijn naaktfoto te delen');
    await chat.photo('MARKERBIJSCHRIFT');
    await chat.tap('betaald');
    tg.fake.fail('sendMessage', { code: 400, chatId, description: 'Bad Request: MARKERFOUT' });
    await chat.send('MARKERTEKST twee');
    const logs = tg.t.logs.join('');
    expect(logs).toContain('"channel":"telegram"');
    for (const secret of ['MARKER', String(chatId), tg.fake.token, key]) expect(logs).not.toContain(secret);
  });
});

describe('Telegram bot (webhook)', () => {
  let tg: TelegramTest;
  beforeAll(async () => {
    tg = await startTelegram({ PUBLIC_URL: 'https://vertel.example.nl', TELEGRAM_WEBHOOK_SECRET: SECRET }, { start: false });
  });
  afterAll(() => tg.close());
  const update = (chatId: number, text: string, updateId = 1) => ({
    update_id: updateId,
    message: { message_id: updateId, date: 1, chat: { id: chatId, type: 'private', first_name: 'T' }, from: { id: chatId, is_bot: false, first_name: 'T' }, text, entities: text.startsWith('/') ? [{ type: 'bot_command', offset: 0, length: text.split(' ')[0]!.length }] : [] },
  });
  const post = (payload: object, secret?: string) =>
    tg.t.app.inject({ method: 'POST', url: '/telegram/webhook', payload, headers: secret === undefined ? {} : { 'x-telegram-bot-api-secret-token': secret } });

  test('before start: 503 (Telegram sends it again later)', async () => {
    expect((await post(update(5001, '/start'), SECRET)).statusCode).toBe(503);
  });

  test('start sets the webhook with the secret and the update types', async () => {
    await tg.channel.start();
    expect(tg.channel.mode).toBe('webhook');
    expect(tg.fake.callsTo('setWebhook')[0]!.params).toMatchObject({
      url: 'https://vertel.example.nl/telegram/webhook',
      secret_token: SECRET,
      allowed_updates: ['message', 'callback_query'],
    });
    expect(tg.fake.callsTo('getUpdates')).toHaveLength(0);
  });

  test('a wrong or missing secret: 401 and nothing sent', async () => {
    const before = tg.fake.calls.length;
    const missing = await post(update(5002, '/start', 2));
    const wrong = await post(update(5002, '/start', 3), `${SECRET}x`);
    const short = await post(update(5002, '/start', 4), 'x');
    for (const res of [missing, wrong, short]) {
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('VH_UNAUTHORIZED');
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(tg.fake.calls.length).toBe(before);
  });

  test('the right secret: the update is handled before the answer', async () => {
    const res = await post(update(5003, '/start', 5), SECRET);
    expect(res.statusCode).toBe(200);
    expect(tg.fake.sentTexts(5003)[0]).toBe(tg.t.service.conversation.content.telegram.privacyNotice);
    const crisis = await post(update(5003, 'ik wil dood', 6), SECRET);
    expect(crisis.statusCode).toBe(200);
    expect(tg.fake.sentTexts(5003).join('\n')).toContain('0800-0113');
  });

  test('not an update: 400', async () => {
    expect((await post({ hello: 'world' }, SECRET)).statusCode).toBe(400);
  });
});

describe('Telegram bot off or failing', () => {
  test('no TELEGRAM_BOT_TOKEN: no bot, and /telegram/webhook does not exist', async () => {
    const t = await makeTestApp();
    expect(t.telegram).toBeUndefined();
    const res = await t.app.inject({ method: 'POST', url: '/telegram/webhook', payload: {}, headers: { 'x-telegram-bot-api-secret-token': SECRET } });
    expect(res.statusCode).toBe(404);
    await t.app.close();
  });

  test('polling mode has no webhook route either', async () => {
    const tg = await startTelegram({}, { start: false });
    const res = await tg.t.app.inject({ method: 'POST', url: '/telegram/webhook', payload: {}, headers: { 'x-telegram-bot-api-secret-token': SECRET } });
    expect(res.statusCode).toBe(404);
    await tg.close();
  });

  test('the session store is down: a kind line with the emergency numbers', async () => {
    const failing: SessionStore = new MemorySessionStore({ ttlSeconds: 60, maxEntries: 10 });
    const broken = () => Promise.reject(new Error('store down'));
    Object.assign(failing, { get: broken, create: broken, update: broken, delete: broken });
    const tg = await startTelegram({}, { store: failing });
    const step = await new TgChat(tg.fake).send('/start');
    const unavailable = tg.t.service.conversation.content.texts.errors.unavailable;
    expect(step.texts).toEqual([unavailable]);
    expect(unavailable).toContain('112');
    await tg.close();
  });

  test('main.ts polls with the token and stops cleanly on SIGTERM', async () => {
    const fake = await FakeTelegram.start();
    const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: { ...process.env, PORT: '0', TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.url, LOG_LEVEL: 'warn', PUBLIC_URL: '', REDIS_URL: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code)));
    try {
      await Promise.race([
        fake.until(() => fake.callsTo('getUpdates').length > 0, 30_000),
        exited.then((code) => Promise.reject(new Error(`main.ts exited early (${code}): ${stderr.slice(0, 500)}`))),
      ]);
      const chat = new TgChat(fake, 6001);
      const step = await chat.send('/start');
      expect(step.texts.length).toBeGreaterThanOrEqual(2);
      const stopAsked = Date.now();
      proc.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(Date.now() - stopAsked).toBeLessThan(8_000);
    } finally {
      proc.kill('SIGKILL');
      await fake.close();
    }
  }, 60_000);
});
