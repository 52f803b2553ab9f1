/**
 * Property tests: whatever a person (or a script) sends, the normaliser, the matcher and the
 * conversation core never throw and always answer with valid replies.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CodedError } from '../../src/core/errors.js';
import type { Inbound, Reply } from '../../src/core/messages.js';
import { normalize, tokenize } from '../../src/nlu/normalize.js';
import { testBot } from '../helpers/app.js';

const bot = testBot();
const RUNS = 300;

/** Text a person might send: Dutch words, slang, emoji, control characters, broken surrogates. */
const messy = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.array(fc.constantFrom('hij', 'wil', 'geld', 'nudes', 'niet', 'dood', 'ik', 'mn', 'ff', '...', '!!!', '😭', '\u0000', '\uD800', "m'n", 'ﬁ', 'ĳ', '112', 'https://x.nl', '@iemand'), { maxLength: 40 }).map((w) => w.join(' ')),
);

function validReply(r: Reply): boolean {
  if (r.type === 'text') return typeof r.text === 'string' && r.text.length > 0;
  if (r.type === 'choices') return r.text.length > 0 && r.choices.length > 0 && r.choices.every((c) => c.id && c.label);
  return r.type === 'referral' && r.label.length > 0 && typeof r.statusText === 'string';
}

describe('fuzz: normaliser and matcher', () => {
  test('normalize and tokenize never throw and never produce empty tokens', () => {
    fc.assert(
      fc.property(messy, (text) => {
        const n = normalize(text);
        for (const s of tokenize(n)) for (const t of s) expect(t.length).toBeGreaterThan(0);
      }),
      { numRuns: RUNS * 3 },
    );
  });

  test('the matcher always returns one of its three outcomes with a public topic', () => {
    fc.assert(
      fc.property(messy, (text) => {
        const m = bot.matcher.match(text, { explain: true });
        expect(['matched', 'unsure', 'none']).toContain(m.type);
        if (m.type === 'matched') {
          expect(m.score).toBeGreaterThanOrEqual(0);
          expect(m.score).toBeLessThanOrEqual(1);
        }
        expect(Array.isArray(m.rules)).toBe(true);
      }),
      { numRuns: RUNS * 3 },
    );
  });
});

describe('fuzz: conversation core', () => {
  const inbound: fc.Arbitrary<Inbound> = fc.oneof(
    messy.map((text) => ({ type: 'text' as const, text })),
    fc.constantFrom('betaald', 'stappen', 'vertellen', 'ja', 'nee', 'weet_niet', 'verder', 'klopt', 'menu', 'x').map((id) => ({ type: 'choice' as const, id })),
    fc.constantFrom('photo', 'voice', 'sticker').map((kind) => ({ type: 'media' as const, kind })),
    fc.constantFrom('menu', 'help', 'restart').map((command) => ({ type: 'command' as const, command })),
  );

  test('any sequence of messages: never a crash, always valid replies or a coded client error', () => {
    fc.assert(
      fc.property(fc.array(inbound, { minLength: 1, maxLength: 12 }), (messages) => {
        let turn = bot.conversation.start();
        for (const m of messages) {
          try {
            turn = bot.conversation.handle(m, turn.session);
            expect(turn.replies.length).toBeGreaterThan(0);
            expect(turn.replies.every(validReply)).toBe(true);
            expect(bot.content.flows.get(turn.session.flow)?.steps[turn.session.step]).toBeDefined();
          } catch (err) {
            expect(err).toBeInstanceOf(CodedError);
            expect((err as CodedError).status).toBeLessThan(500);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });
});
