/**
 * Cross-reference and language checks over loaded content, like `rasa data validate`:
 * every target exists, every step and flow is reachable, every intent leads somewhere, no example
 * sits under two intents, every number and URL the bot says comes from referrals.yml, and the
 * text follows the B1/LVB rules in content/language.yml.
 */
import type { Content } from './load.js';
import { contentFile } from './load.js';
import type { ContentProblem } from './problems.js';
import type { Condition, FlowFile, Message, Step } from './schema.js';
import { PUBLIC_INTENTS, isPublicIntent } from './public-intents.js';
import { foldForComparison } from './text-utils.js';

export interface StepRef {
  flow: string;
  step: string;
}

/** Slots the conversation core sets itself (see Conversation.start). */
export const SYSTEM_SLOTS = ['sys_misses_kept'];

/** Targets every flow may use: the previous question, the menu, the welcome. */
export const RESERVED_TARGETS = ['back', 'menu', 'restart'] as const;
const isReserved = (t: string) => (RESERVED_TARGETS as readonly string[]).includes(t);

/** Resolves "paid" (this flow) or "nude_shared" / "nude_shared.start" (another flow). */
export function resolveTarget(content: Pick<Content, 'flows'>, fromFlow: string, target: string): StepRef | undefined {
  const dot = target.indexOf('.');
  if (dot >= 0) {
    const flow = content.flows.get(target.slice(0, dot));
    const step = target.slice(dot + 1);
    return flow && flow.steps[step] ? { flow: flow.id, step } : undefined;
  }
  const own = content.flows.get(fromFlow);
  if (own?.steps[target]) return { flow: fromFlow, step: target };
  const other = content.flows.get(target);
  if (other && other.steps[other.start]) return { flow: other.id, step: other.start };
  return undefined;
}

/** Every target a step can move to, with the field path that names it. */
export function stepTargets(step: Step): Array<{ path: string; target: string }> {
  const out: Array<{ path: string; target: string }> = [];
  step.choices?.forEach((c, i) => out.push({ path: `choices[${i}].next`, target: c.next }));
  for (const [intent, target] of Object.entries(step.expect ?? {})) out.push({ path: `expect.${intent}`, target });
  if (step.next) out.push({ path: 'next', target: step.next });
  step.branch?.forEach((b, i) => out.push({ path: `branch[${i}].${'if' in b ? 'next' : 'else'}`, target: 'if' in b ? b.next : b.else }));
  return out;
}

function conditionSlots(c: Condition, out: Set<string>): void {
  if ('slot' in c) out.add(c.slot);
  else if ('count' in c) c.count.slots.forEach((s) => out.add(s));
  else if ('all' in c) c.all.forEach((x) => conditionSlots(x, out));
  else if ('any' in c) c.any.forEach((x) => conditionSlots(x, out));
  else conditionSlots(c.not, out);
}

export function validateContent(content: Content): ContentProblem[] {
  const problems: ContentProblem[] = [];
  checkIntents(content, problems);
  checkFlows(content, problems);
  checkTexts(content, problems);
  checkLanguage(content, problems);
  return problems;
}

function checkIntents(content: Content, problems: ContentProblem[]): void {
  for (const id of PUBLIC_INTENTS) {
    if (!content.intents.has(id)) problems.push({ file: contentFile.intent(id), path: '', message: `missing: every intent of shared/intents.md needs a file ('${id}')` });
  }
  const seen = new Map<string, string>();
  for (const intent of content.intents.values()) {
    const file = contentFile.intent(intent.id);
    if (!isPublicIntent(intent.id)) {
      if (!intent.topic) problems.push({ file, path: 'topic', message: `'${intent.id}' is not an id of shared/intents.md, so it needs a topic: (one of those ids)` });
      else if (!isPublicIntent(intent.topic)) problems.push({ file, path: 'topic', message: `unknown topic '${intent.topic}': use an id of shared/intents.md` });
    } else if (intent.topic && intent.topic !== intent.id) {
      problems.push({ file, path: 'topic', message: `'${intent.id}' is itself a public id; remove topic:` });
    }
    intent.examples.forEach((example, i) => {
      // Emoji-only examples fold to nothing; compare those as written.
      const key = foldForComparison(example) || example.trim();
      const other = seen.get(key);
      if (other && other !== intent.id) {
        problems.push({ file, path: `examples[${i}]`, message: `'${example}' is also an example of '${other}': an example belongs to one intent` });
      } else if (other === intent.id) {
        problems.push({ file, path: `examples[${i}]`, message: `'${example}' appears twice in this file` });
      }
      seen.set(key, intent.id);
    });
  }
}

function checkFlows(content: Content, problems: ContentProblem[]): void {
  const triggeredBy = new Map<string, string>();
  const reachedSteps = new Map<string, Set<string>>();
  const mark = (ref: StepRef) => {
    const set = reachedSteps.get(ref.flow) ?? new Set<string>();
    reachedSteps.set(ref.flow, set);
    set.add(ref.step);
  };
  const slotsSet = new Set<string>();
  const slotsRead: Array<{ file: string; path: string; slot: string }> = [];

  for (const flow of content.flows.values()) {
    const file = contentFile.flow(flow.id);
    if (!flow.steps[flow.start]) problems.push({ file, path: 'start', message: `unknown step '${flow.start}'` });
    flow.triggers.forEach((t, i) => {
      if (!content.intents.has(t.intent)) problems.push({ file, path: `triggers[${i}].intent`, message: `unknown intent '${t.intent}'` });
      const prev = triggeredBy.get(t.intent);
      if (prev) problems.push({ file, path: `triggers[${i}].intent`, message: `intent '${t.intent}' already starts flow '${prev}': one flow per intent` });
      triggeredBy.set(t.intent, flow.id);
      if (t.step && !flow.steps[t.step]) problems.push({ file, path: `triggers[${i}].step`, message: `unknown step '${t.step}'` });
    });

    for (const [stepId, step] of Object.entries(flow.steps)) {
      if (isReserved(stepId)) problems.push({ file, path: `steps.${stepId}`, message: `'${stepId}' is a reserved target (back, menu, restart): choose another step id` });
      for (const { path, target } of stepTargets(step)) {
        if (isReserved(target)) continue;
        if (!resolveTarget(content, flow.id, target)) {
          problems.push({ file, path: `steps.${stepId}.${path}`, message: target.includes('.') ? `unknown flow step '${target}'` : `unknown step '${target}'` });
        }
      }
      for (const intent of Object.keys(step.expect ?? {})) {
        if (!content.intents.has(intent)) problems.push({ file, path: `steps.${stepId}.expect.${intent}`, message: `unknown intent '${intent}'` });
      }
      step.referrals.forEach((r, i) => {
        if (!content.referrals.has(r)) problems.push({ file, path: `steps.${stepId}.referrals[${i}]`, message: `unknown referral '${r}' (see content/referrals.yml)` });
      });
      const choiceIds = new Set<string>();
      step.choices?.forEach((c, i) => {
        if (choiceIds.has(c.id)) problems.push({ file, path: `steps.${stepId}.choices[${i}].id`, message: `duplicate choice id '${c.id}' in this step` });
        choiceIds.add(c.id);
        Object.keys(c.set ?? {}).forEach((s) => slotsSet.add(s));
      });
      Object.keys(step.set ?? {}).forEach((s) => slotsSet.add(s));
      step.branch?.forEach((b, i) => {
        if ('if' in b) {
          const read = new Set<string>();
          conditionSlots(b.if, read);
          read.forEach((slot) => slotsRead.push({ file, path: `steps.${stepId}.branch[${i}].if`, slot }));
        }
      });
    }
  }

  for (const intent of content.intents.keys()) {
    if (!triggeredBy.has(intent)) problems.push({ file: contentFile.intent(intent), path: '', message: `no flow starts on intent '${intent}': add it to the triggers of a flow` });
  }
  for (const { file, path, slot } of slotsRead) {
    if (!slotsSet.has(slot) && !SYSTEM_SLOTS.includes(slot)) problems.push({ file, path, message: `slot '${slot}' is never set by any step or choice` });
  }

  // Reachability: from the fixed flows and every trigger, follow every target.
  const queue: StepRef[] = [];
  const enqueue = (ref: StepRef | undefined) => {
    if (!ref) return;
    if (reachedSteps.get(ref.flow)?.has(ref.step)) return;
    mark(ref);
    queue.push(ref);
  };
  for (const flowId of Object.values(content.texts.flows)) {
    const flow = content.flows.get(flowId);
    if (flow) enqueue({ flow: flow.id, step: flow.start });
  }
  for (const flow of content.flows.values()) {
    for (const t of flow.triggers) if (flow.steps[t.step ?? flow.start]) enqueue({ flow: flow.id, step: t.step ?? flow.start });
  }
  while (queue.length > 0) {
    const ref = queue.shift()!;
    const step = content.flows.get(ref.flow)!.steps[ref.step]!;
    for (const { target } of stepTargets(step)) enqueue(resolveTarget(content, ref.flow, target));
  }
  for (const flow of content.flows.values()) {
    const reached = reachedSteps.get(flow.id);
    if (!reached) {
      problems.push({ file: contentFile.flow(flow.id), path: '', message: `flow '${flow.id}' is never reached: give it triggers or point a step at it` });
      continue;
    }
    for (const stepId of Object.keys(flow.steps)) {
      if (!reached.has(stepId)) problems.push({ file: contentFile.flow(flow.id), path: `steps.${stepId}`, message: `step '${stepId}' is unreachable` });
    }
  }
}

function checkTexts(content: Content, problems: ContentProblem[]): void {
  for (const [role, flowId] of Object.entries(content.texts.flows)) {
    if (!content.flows.has(flowId)) problems.push({ file: contentFile.texts, path: `flows.${role}`, message: `unknown flow '${flowId}'` });
  }
}

// ---------------------------------------------------------------------------------------------
// Language

interface SaidText {
  file: string;
  path: string;
  text: string;
  /** Whether sentence-length rules apply (not to names and button labels). */
  prose: boolean;
}

/** Every text the bot can say, with where it is written. */
export function saidTexts(content: Content): SaidText[] {
  const out: SaidText[] = [];
  const push = (file: string, path: string, m: Message | undefined, prose = true) => {
    if (m === undefined) return;
    if (typeof m === 'string') out.push({ file, path, text: m, prose });
    else m.variants.forEach((v, i) => out.push({ file, path: `${path}.variants[${i}]`, text: v, prose }));
  };
  for (const flow of content.flows.values()) {
    const file = contentFile.flow(flow.id);
    for (const [id, step] of Object.entries(flow.steps)) {
      step.say.forEach((m, i) => push(file, `steps.${id}.say[${i}]`, m));
      push(file, `steps.${id}.ask`, step.ask);
      push(file, `steps.${id}.reprompt`, step.reprompt);
      step.choices?.forEach((c, i) => push(file, `steps.${id}.choices[${i}].label`, c.label, false));
    }
  }
  for (const r of content.referrals.values()) {
    out.push({ file: contentFile.referrals, path: `${r.id}.for`, text: r.for, prose: true });
    if (r.phoneNote) out.push({ file: contentFile.referrals, path: `${r.id}.phoneNote`, text: r.phoneNote, prose: true });
    if (r.anonymousNote) out.push({ file: contentFile.referrals, path: `${r.id}.anonymousNote`, text: r.anonymousNote, prose: true });
  }
  const t = content.texts;
  const f = contentFile.texts;
  push(f, 'notUnderstood.first', t.notUnderstood.first);
  push(f, 'notUnderstood.second', t.notUnderstood.second);
  push(f, 'confirm.ask', t.confirm.ask);
  push(f, 'resume.ask', t.resume.ask);
  push(f, 'restarted', t.restarted);
  push(f, 'sameTopic', t.sameTopic);
  push(f, 'expired', t.expired);
  push(f, 'imageRefused', t.imageRefused);
  for (const [k, v] of Object.entries(t.errors)) push(f, `errors.${k}`, v);
  for (const [k, v] of Object.entries(t.referralStatus)) push(f, `referralStatus.${k}`, v, false);
  for (const [k, v] of Object.entries(content.widget)) if (k !== 'source' && typeof v === 'string') push(contentFile.widget, k, v);
  for (const [k, v] of Object.entries(content.telegram)) {
    if (k === 'source') continue;
    if (typeof v === 'string') push(contentFile.telegram, k, v);
    else for (const [c, text] of Object.entries(v)) push(contentFile.telegram, `${k}.${c}`, text, false);
  }
  return out;
}

/** Splits prose into sentences; a sentence ends at . ! ? or a line break. */
export function sentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n+/)
    .map((s) => s.trim())
    .filter((s) => /[a-zA-Z0-9]/.test(s));
}

export function wordCount(sentence: string): number {
  return sentence.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

const PHONE_CANDIDATE = /(?<![\d:.,€])\d(?:[\d -]*\d)?(?![\d:%])/g;
const URL_CANDIDATE = /\b(?:https?:\/\/)?(?:www\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:nl|org|com|eu|net|be))(\/[^\s)]*)?/gi;

const digitsOf = (s: string) => s.replace(/\D/g, '');
const hostOf = (url: string) => new URL(url).hostname.replace(/^www\./, '');

/** Phone numbers in a text: 3+ digits that are not a year, a time, an amount or an age. */
export function phoneNumbersIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const raw = m[0].trim();
    const digits = digitsOf(raw);
    if (digits.length < 3) continue;
    if (/^(19|20)\d\d$/.test(digits)) continue; // a year
    const after = text.slice((m.index ?? 0) + m[0].length).trimStart().toLowerCase();
    if (/^(euro|procent|jaar|uur|minuten|dagen|keer|cent)\b/.test(after)) continue;
    found.push(raw);
  }
  return found;
}

export function urlsIn(text: string): Array<{ host: string; path: string }> {
  return [...text.matchAll(URL_CANDIDATE)].map((m) => ({ host: m[1]!.toLowerCase(), path: (m[2] ?? '').replace(/[.,!?]+$/, '') }));
}

function checkLanguage(content: Content, problems: ContentProblem[]): void {
  const rules = content.language;
  const knownPhones = new Set<string>();
  const knownUrls: Array<{ host: string; path: string }> = [];
  for (const r of content.referrals.values()) {
    if (r.phone) knownPhones.add(digitsOf(r.phone));
    for (const extra of phoneNumbersIn(r.phoneNote ?? '')) knownPhones.add(digitsOf(extra));
    for (const u of [r.url, r.chat]) if (u) knownUrls.push({ host: hostOf(u), path: new URL(u).pathname.replace(/\/$/, '') });
  }
  const denied = rules.denied.map((d) => ({ ...d, folded: foldForComparison(d.phrase) }));

  const perFile = new Map<string, number[]>();
  for (const said of saidTexts(content)) {
    const { file, path, text } = said;
    const folded = ` ${foldForComparison(text)} `;
    for (const d of denied) {
      if (folded.includes(` ${d.folded} `)) problems.push({ file, path, message: `'${d.phrase}' is not allowed: ${d.reason}` });
    }
    const questions = (text.match(/\?/g) ?? []).length;
    if (questions > rules.maxQuestionsPerMessage) problems.push({ file, path, message: `${questions} questions in one message: ask one thing at a time` });
    if (said.prose) {
      for (const s of sentences(text)) {
        const n = wordCount(s);
        if (n > rules.maxSentenceWords) problems.push({ file, path, message: `sentence of ${n} words (max ${rules.maxSentenceWords}): '${s.slice(0, 60)}…'` });
        const list = perFile.get(file) ?? [];
        list.push(n);
        perFile.set(file, list);
      }
    }
    for (const phone of phoneNumbersIn(text)) {
      if (!knownPhones.has(digitsOf(phone))) problems.push({ file, path, message: `phone number '${phone}' is not in content/referrals.yml` });
    }
    for (const url of urlsIn(text)) {
      const ok = knownUrls.some((k) => k.host === url.host && (url.path === '' || url.path.replace(/\/$/, '') === k.path || url.path.startsWith(`${k.path}/`) || k.path === ''));
      if (!ok) problems.push({ file, path, message: `web address '${url.host}${url.path}' is not in content/referrals.yml` });
    }
  }
  for (const [file, lengths] of perFile) {
    const avg = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    if (avg > rules.maxAverageSentenceWords) problems.push({ file, path: '', message: `sentences average ${avg.toFixed(1)} words (max ${rules.maxAverageSentenceWords}): make them shorter` });
  }

  // At most N messages before the person can answer: follow next/branch chains from every step.
  for (const flow of content.flows.values()) {
    for (const stepId of Object.keys(flow.steps)) {
      const count = messagesUntilAnswer(content, flow, stepId, new Set());
      if (count > rules.maxMessagesBeforeAnswer) {
        problems.push({ file: contentFile.flow(flow.id), path: `steps.${stepId}`, message: `${count} messages before the person can answer (max ${rules.maxMessagesBeforeAnswer})` });
      }
    }
  }
}

/** Messages said from this step until the bot waits (choices) or rests (end). */
function messagesUntilAnswer(content: Content, flow: FlowFile, stepId: string, seen: Set<string>): number {
  const key = `${flow.id}.${stepId}`;
  const step = flow.steps[stepId];
  if (!step || seen.has(key)) return 0;
  seen.add(key);
  const own = step.say.length + (step.ask ? 1 : 0);
  if (step.choices || step.end) return own;
  const nexts = step.next ? [step.next] : (step.branch ?? []).map((b) => ('if' in b ? b.next : b.else));
  let most = 0;
  for (const target of nexts) {
    const ref = resolveTarget(content, flow.id, target);
    if (!ref) continue;
    most = Math.max(most, messagesUntilAnswer(content, content.flows.get(ref.flow)!, ref.step, new Set(seen)));
  }
  return own + most;
}
