/**
 * `npm run chat`: talk to the bot in the terminal. Same core as the server, no server.
 * Type a number to press a button; /menu, /hulp, /opnieuw, /foto (pretend to send a picture), /stop.
 */
import { createInterface } from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import { createBot } from '../core/bot.js';
import { CodedError } from '../core/errors.js';
import type { Inbound, Reply } from '../core/messages.js';
import type { Session } from '../core/session.js';

const debug = process.argv.includes('--debug');
const bot = createBot();
const rl = createInterface({ input: stdin, output: stdout });
let choices: Array<{ id: string; label: string }> = [];

function show(replies: Reply[]): void {
  choices = [];
  for (const r of replies) {
    if (r.type === 'text') console.log(`bot: ${r.text}`);
    else if (r.type === 'choices') {
      console.log(`bot: ${r.text}`);
      for (const c of r.choices) {
        choices.push(c);
        console.log(`     [${choices.length}] ${c.label}`);
      }
    } else {
      const how = [r.phone && `bel ${r.phone}`, r.url, r.chat && r.chat !== r.url ? `chat ${r.chat}` : undefined].filter(Boolean).join(' · ');
      console.log(`     ▸ ${r.label} — ${r.description} ${how ? `(${how})` : ''} [${r.statusText}]`);
    }
  }
}

let turn = bot.conversation.start();
let session: Session = turn.session;
show(turn.replies);
for (;;) {
  let line: string;
  try {
    line = (await rl.question('jij: ')).trim();
  } catch {
    break;
  }
  if (line === '' ) continue;
  if (line === '/stop') break;
  let inbound: Inbound;
  const n = Number(line);
  if (Number.isInteger(n) && n >= 1 && n <= choices.length) inbound = { type: 'choice', id: choices[n - 1]!.id };
  else if (line === '/menu') inbound = { type: 'command', command: 'menu' };
  else if (line === '/hulp') inbound = { type: 'command', command: 'help' };
  else if (line === '/opnieuw') inbound = { type: 'command', command: 'restart' };
  else if (line === '/foto') inbound = { type: 'media', kind: 'photo' };
  else inbound = { type: 'text', text: line };
  try {
    turn = bot.conversation.handle(inbound, session);
    session = turn.session;
    if (debug) console.log(`     (${turn.debug.match} ${turn.debug.intent ?? ''} ${turn.debug.score ?? ''} → ${turn.debug.flow}.${turn.debug.step})`);
    show(turn.replies);
  } catch (err) {
    if (err instanceof CodedError) console.log(`     (${err.code}: ${err.message})`);
    else throw err;
  }
}
rl.close();
