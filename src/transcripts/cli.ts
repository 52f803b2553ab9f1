/** `npm run transcripts`: runs every golden transcript and prints pass/fail with the first difference. */
import { fileURLToPath } from 'node:url';
import { createBot } from '../core/bot.js';
import { Conversation } from '../core/conversation.js';
import { loadTranscripts, runTranscript } from './transcript.js';

const dir = process.argv[2] ?? fileURLToPath(new URL('../../tests/conversations', import.meta.url));
const bot = createBot();
let failed = 0;
const files = loadTranscripts(dir);
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
