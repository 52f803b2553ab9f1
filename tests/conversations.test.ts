/**
 * Golden conversation transcripts (tests/conversations/*.yml) run against the core: the readable
 * specification of what the bot says.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { Conversation } from '../src/core/conversation.js';
import { loadTranscripts, runTranscript } from '../src/transcripts/transcript.js';
import { testBot } from './helpers/app.js';

const files = loadTranscripts(join(import.meta.dirname, 'conversations'));
const bot = testBot();

describe('golden transcripts', () => {
  test('there are at least 60', () => {
    expect(files.length).toBeGreaterThanOrEqual(60);
  });
  test.for(files.map((f) => [f.file, f] as const))('%s', ([, f]) => {
    const r = runTranscript(f.file, f.transcript, (clock) => new Conversation(bot.content, bot.matcher, { clock }));
    expect(r.failure ?? 'ok').toBe('ok');
  });
});
