/** `npm run transcripts`: runs every golden transcript and prints pass/fail with the first difference. */
import { fileURLToPath } from 'node:url';
import { createBot } from '../core/bot.js';
import { Conversation } from '../core/conversation.js';
import { loadTranscripts, runTranscript } from './transcript.js';

// --unchecked: run against half-written content (skips cross-reference checks), for authors.
const args = process.argv.slice(2);
const unchecked = args.includes('--unchecked');
const only = args.filter((a) => !a.startsWith('--'));
const dir = fileURLToPath(new URL('../../tests/conversations', import.meta.url));
const bot = createBot({ unchecked });
let failed = 0;
const files = loadTranscripts(dir).filter((f) => only.length === 0 || only.some((o) => f.file.includes(o)));
for (const { file, transcript } of files) {
  const r = runTranscript(file, transcript, (clock) => new Conversation(bot.content, bot.matcher, { clock }));
  if (r.ok) console.log(`ok    ${file}  ${r.title}`);
  else {
    failed++;
    console.log(`FAIL  ${file}  ${r.title}\n      ${r.failure}`);
  }
}
console.log(`\n${files.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
