/**
 * Golden conversation transcripts (tests/conversations/*.yml): a conversation written the way a
 * content author reads it, run against the core alone. Bot turns assert where the bot is and what
 * it says; every bot turn is also checked against the safety rules (language.yml's deny list).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { Conversation } from '../core/conversation.js';
import { CodedError } from '../core/errors.js';
import type { Inbound, Reply } from '../core/messages.js';
import type { Session } from '../core/session.js';
import { foldForComparison } from '../content/text-utils.js';
import { formatPath } from '../content/problems.js';

const BotTurn = z.strictObject({
  /** Where the bot waits or rests afterwards: "flow.step" or just "flow". */
  step: z.string().optional(),
  /** The intent the matcher chose for the message before ("out_of_scope" when not understood). */
  intent: z.string().optional(),
  /** Phrases that must appear in the replies (case and accents ignored). */
  says: z.array(z.string()).optional(),
  not_says: z.array(z.string()).optional(),
  /** Choice ids offered, in order. */
  choices: z.array(z.string()).optional(),
  /** Referral ids shown (all of these, in any order). */
  referrals: z.array(z.string()).optional(),
  /** Opening status per referral id: always, open, closed, unknown. */
  status: z.record(z.string(), z.enum(['always', 'open', 'closed', 'unknown'])).optional(),
  /** An error code instead of replies (e.g. VH_UNKNOWN_CHOICE). */
  error: z.string().optional(),
});

const Turn = z.union([
  z.strictObject({ user: z.string() }),
  z.strictObject({ choose: z.string() }),
  z.strictObject({ send: z.enum(['photo', 'video', 'voice', 'document', 'sticker']) }),
  z.strictObject({ command: z.enum(['menu', 'help', 'restart']) }),
  z.strictObject({ bot: BotTurn }),
]);

export const TranscriptSchema = z.strictObject({
  title: z.string(),
  description: z.string().optional(),
  /** The clock for opening hours, e.g. "2026-11-22T02:00:00+01:00". */
  at: z.string().datetime({ offset: true }).optional(),
  turns: z.array(Turn).min(2),
});
export type Transcript = z.infer<typeof TranscriptSchema>;

export interface TranscriptFile {
  file: string;
  transcript: Transcript;
}

export interface TranscriptResult {
  file: string;
  title: string;
  ok: boolean;
  /** The first difference, in words. */
  failure?: string;
  turns: number;
}

export function loadTranscripts(dir: string): TranscriptFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yml'))
    .sort()
    .map((f) => {
      const file = join(dir, f);
      const parsed = TranscriptSchema.safeParse(parse(readFileSync(file, 'utf8')));
      if (!parsed.success) {
        const i = parsed.error.issues[0]!;
        throw new Error(`${f}: ${formatPath(i.path)}: ${i.message}`);
      }
      return { file: f, transcript: parsed.data };
    });
}

const replyText = (r: Reply): string =>
  r.type === 'referral'
    ? [r.label, r.description, r.phone, r.phoneNote, r.url, r.statusText].filter(Boolean).join(' ')
    : r.type === 'choices'
      ? [r.text, ...r.choices.map((c) => c.label)].join(' ')
      : r.text;

/** A weekday afternoon, when most services are open, unless the transcript sets `at`. */
export const DEFAULT_TRANSCRIPT_TIME = '2026-11-24T15:00:00+01:00';

/** Runs one transcript against a conversation core made with the transcript's clock. */
export function runTranscript(name: string, t: Transcript, makeConversation: (clock: () => Date) => Conversation): TranscriptResult {
  const at = new Date(t.at ?? DEFAULT_TRANSCRIPT_TIME);
  const conversation = makeConversation(() => at);
  const denied = conversation.content.language.denied.map((d) => foldForComparison(d.phrase));
  let session: Session | undefined;
  let last: { replies: Reply[]; intent?: string; error?: string } = { replies: [] };
  const fail = (turn: number, message: string): TranscriptResult => ({ file: name, title: t.title, ok: false, failure: `turn ${turn + 1}: ${message}`, turns: t.turns.length });

  const send = (inbound: Inbound) => {
    try {
      const out = session ? conversation.handle(inbound, session) : conversation.start();
      session = out.session;
      last = { replies: out.replies, ...(out.debug.intent ? { intent: out.debug.intent } : {}) };
    } catch (err) {
      if (err instanceof CodedError) last = { replies: [], error: err.code };
      else throw err;
    }
  };

  let started = false;
  for (let i = 0; i < t.turns.length; i++) {
    const turn = t.turns[i]!;
    if (!started && !('bot' in turn)) return fail(i, 'a transcript starts with the bot (the welcome)');
    if (!started) {
      send({ type: 'start' });
      started = true;
    }
    if ('user' in turn) send({ type: 'text', text: turn.user });
    else if ('choose' in turn) send({ type: 'choice', id: turn.choose });
    else if ('send' in turn) send({ type: 'media', kind: turn.send });
    else if ('command' in turn) send({ type: 'command', command: turn.command });
    else {
      const b = turn.bot;
      const texts = last.replies.map(replyText);
      const all = foldForComparison(texts.join(' \n '));
      for (const d of denied) {
        if (` ${all} `.includes(` ${d} `)) return fail(i, `the bot said a denied phrase '${d}'`);
      }
      if (b.error !== undefined || last.error !== undefined) {
        if (b.error !== last.error) return fail(i, `expected error ${b.error ?? 'none'}, got ${last.error ?? 'replies'}`);
        continue;
      }
      if (b.step) {
        const where = `${session!.flow}.${session!.step}`;
        const ok = b.step.includes('.') ? where === b.step : session!.flow === b.step;
        if (!ok) return fail(i, `expected the bot at '${b.step}', it is at '${where}'\n  bot said: ${texts.join(' | ')}`);
      }
      if (b.intent && b.intent !== last.intent) return fail(i, `expected intent '${b.intent}', matcher chose '${last.intent ?? 'none'}'`);
      for (const phrase of b.says ?? []) {
        if (!all.includes(foldForComparison(phrase))) return fail(i, `expected the bot to say '${phrase}'\n  bot said: ${texts.join(' | ')}`);
      }
      for (const phrase of b.not_says ?? []) {
        if (all.includes(foldForComparison(phrase))) return fail(i, `the bot should not say '${phrase}'`);
      }
      if (b.choices) {
        const offered = last.replies.flatMap((r) => (r.type === 'choices' ? r.choices.map((c) => c.id) : []));
        if (offered.join(',') !== b.choices.join(',')) return fail(i, `expected choices [${b.choices.join(', ')}], got [${offered.join(', ')}]`);
      }
      const shown = new Map(last.replies.flatMap((r) => (r.type === 'referral' ? [[r.id, r.status] as const] : [])));
      for (const id of b.referrals ?? []) {
        if (!shown.has(id)) return fail(i, `expected referral '${id}', got [${[...shown.keys()].join(', ')}]`);
      }
      for (const [id, status] of Object.entries(b.status ?? {})) {
        if (shown.get(id) !== status) return fail(i, `expected '${id}' to be ${status}, it is ${shown.get(id) ?? 'not shown'}`);
      }
    }
  }
  return { file: name, title: t.title, ok: true, turns: t.turns.length };
}
