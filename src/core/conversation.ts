/**
 * The conversation core: `handle(inbound, session) -> replies`. It decides what a message means in
 * the current step, in this order:
 *   1. crisis (suicide, self-harm) and acute danger pre-empt everything;
 *   2. a pending system question (a "klopt dat?" check, an offer to return);
 *   3. the step's own buttons, typed or tapped, and the intents the step expects;
 *   4. global intents: human, help_menu, goodbye;
 *   5. any other topic: switch flows and remember the unfinished one;
 *   6. unsure: ask "Bedoel je …? Klopt dat?"; not understood: ask once more in other words, then
 *      offer the menu and people to talk to. Never a loop.
 */
import type { Content } from '../content/load.js';
import type { Choice } from '../content/schema.js';
import { foldForComparison } from '../content/text-utils.js';
import { GLOBAL_INTENTS } from '../content/public-intents.js';
import { FlowRunner } from '../flows/engine.js';
import type { Matcher, MatchResult } from '../nlu/matcher.js';
import { sanitize } from '../nlu/normalize.js';
import { CodedError } from './errors.js';
import type { Debug, Inbound, Reply } from './messages.js';
import { newSession, type Session, type StepRef } from './session.js';

export interface Turn {
  replies: Reply[];
  session: Session;
  debug: Debug;
}

export interface ConversationOptions {
  clock?: () => Date;
  /** SESSION_TTL_SECONDS, so the bot can say truthfully how long it keeps a conversation. */
  retentionSeconds?: number;
  /** STUDIO_COLLECT_MISSES: flows read it as the slot `sys_misses_kept` to tell the truth about it. */
  collectMisses?: boolean;
}

/** Fixed choice ids of system questions. */
export const SYSTEM_CHOICES = {
  confirmYes: 'klopt',
  confirmNo: 'klopt_niet',
  resumeYes: 'verder',
  resumeNo: 'niet_verder',
} as const;

export const MAX_TEXT_LENGTH = 1000;

export class Conversation {
  readonly runner: FlowRunner;
  private readonly triggers = new Map<string, StepRef>();
  private readonly yes: Set<string>;
  private readonly no: Set<string>;
  private readonly unknown: Set<string>;
  private readonly menuWords: Set<string>;

  private readonly collectMisses: boolean;

  constructor(
    readonly content: Content,
    readonly matcher: Matcher,
    options: ConversationOptions = {},
  ) {
    this.collectMisses = options.collectMisses ?? false;
    this.runner = new FlowRunner(content, { clock: options.clock ?? (() => new Date()), retentionSeconds: options.retentionSeconds ?? 1800 });
    for (const flow of content.flows.values()) {
      for (const t of flow.triggers) this.triggers.set(t.intent, { flow: flow.id, step: t.step ?? flow.start });
    }
    const fold = (list: string[]) => new Set(list.map(foldForComparison));
    this.yes = fold(content.texts.yesWords);
    this.no = fold(content.texts.noWords);
    this.unknown = fold(content.texts.unknownWords);
    this.menuWords = fold(content.texts.menuWords);
  }

  /** A new conversation: the welcome. */
  start(opts: { expired?: boolean } = {}): Turn {
    const flows = this.content.texts.flows;
    const session = newSession(this.runner.startOf(flows.welcome));
    // System slots (sys_…) let flows tell the truth about how this deployment is set up.
    session.slots.sys_misses_kept = this.collectMisses;
    const out: Reply[] = [];
    if (opts.expired) out.push({ type: 'text', text: this.content.texts.expired });
    this.runner.enter(session, this.runner.startOf(flows.welcome), out);
    return { replies: out, session, debug: { match: 'system', flow: session.flow, step: session.step } };
  }

  handle(inbound: Inbound, current: Session): Turn {
    if (inbound.type === 'start') return this.start(inbound.expired ? { expired: true } : {});
    const session: Session = { ...current, slots: { ...current.slots }, history: [...current.history], turn: current.turn + 1 };
    const out: Reply[] = [];
    const debug: Debug = { match: 'system', flow: session.flow, step: session.step };
    const done = (): Turn => ({ replies: out, session, debug: { ...debug, flow: session.flow, step: session.step } });

    switch (inbound.type) {
      case 'media':
        out.push({ type: 'text', text: this.content.texts.imageRefused });
        this.runner.repeatQuestion(session, out, false);
        return done();
      case 'command':
        this.goTo(session, this.commandTarget(inbound.command), out, { pause: false });
        return done();
      case 'choice': {
        debug.match = 'choice';
        this.choose(session, inbound.id, out);
        return done();
      }
      case 'text':
        break;
    }

    const text = sanitize(inbound.text).trim();
    if (text.length === 0) throw new CodedError('VH_EMPTY_TEXT', 'text is empty');
    if (text.length > MAX_TEXT_LENGTH) throw new CodedError('VH_TEXT_TOO_LONG', `text is longer than ${MAX_TEXT_LENGTH} characters`);

    const result = this.matcher.match(text);
    const folded = foldForComparison(text);
    Object.assign(debug, describe(result));

    // 1. Crisis and acute danger, always first.
    if (result.type === 'matched' && (result.topic === 'crisis_suicide' || result.topic === 'acute_danger')) {
      this.startIntent(session, result.intent, out);
      return done();
    }

    // 2. A system question waiting for yes or no.
    if (session.pending) {
      const meaning = this.meaningOf(folded);
      if (meaning === 'yes' || meaning === 'no') {
        // Understood as an answer to the bot's own question, not by the matcher.
        debug.match = 'choice';
        if (session.pending.kind === 'confirm') {
          debug.intent = meaning === 'yes' ? session.pending.intent : 'out_of_scope';
          delete debug.score;
        }
        const id = session.pending.kind === 'confirm'
          ? meaning === 'yes' ? SYSTEM_CHOICES.confirmYes : SYSTEM_CHOICES.confirmNo
          : meaning === 'yes' ? SYSTEM_CHOICES.resumeYes : SYSTEM_CHOICES.resumeNo;
        this.choose(session, id, out);
        return done();
      }
      session.pending = undefined;
    }

    // 3. The step's own buttons, typed ("ja", "nee", a label).
    const step = this.runner.step(session);
    const typed = step?.choices ? this.typedChoice(folded, step.choices) : undefined;
    if (typed) {
      debug.match = 'choice';
      this.takeChoice(session, typed, out);
      return done();
    }

    // "stop", "menu" (when no button says so): leave whatever is going on for the menu.
    if (this.menuWords.has(folded)) {
      debug.match = 'system';
      this.goTo(session, this.commandTarget('menu'), out, { pause: true });
      return done();
    }
    if (result.type === 'matched') {
      // 4. Global intents pre-empt the step; then what the step expects; then a new topic.
      const global = (GLOBAL_INTENTS as readonly string[]).includes(result.topic);
      const expected = step?.expect?.[result.intent];
      if (!global && expected) {
        session.misses = 0;
        this.runner.enter(session, this.runner.resolve(session, expected), out);
        return done();
      }
      if (result.topic !== 'out_of_scope') {
        if (this.restartsCurrentFlow(session, result.intent)) {
          // The same topic again while a question of it is open: go on here instead of starting over.
          out.push({ type: 'text', text: this.runner.pick(session, this.content.texts.sameTopic) });
          this.runner.repeatQuestion(session, out, true);
          return done();
        }
        this.startIntent(session, result.intent, out);
        return done();
      }
    }

    // 6. Unsure or not understood.
    if (result.type === 'unsure') {
      const top = result.candidates[0]!;
      const label = this.content.intents.get(top.intent)?.label ?? top.intent;
      session.pending = { kind: 'confirm', intent: top.intent };
      out.push({
        type: 'choices',
        text: this.content.texts.confirm.ask.replace('{label}', label),
        choices: [
          { id: SYSTEM_CHOICES.confirmYes, label: this.content.texts.confirm.yes },
          { id: SYSTEM_CHOICES.confirmNo, label: this.content.texts.confirm.no },
        ],
      });
      return done();
    }
    this.notUnderstood(session, out);
    return done();
  }

  /** Tapped buttons: the step's own, or a pending system question's. Unknown ids are a client error. */
  private choose(session: Session, id: string, out: Reply[]): void {
    const pending = session.pending;
    if (pending?.kind === 'confirm' && (id === SYSTEM_CHOICES.confirmYes || id === SYSTEM_CHOICES.confirmNo)) {
      session.pending = undefined;
      if (id === SYSTEM_CHOICES.confirmYes) this.startIntent(session, pending.intent, out);
      else this.notUnderstood(session, out);
      return;
    }
    if (pending?.kind === 'resume' && (id === SYSTEM_CHOICES.resumeYes || id === SYSTEM_CHOICES.resumeNo)) {
      session.pending = undefined;
      const paused = session.paused;
      session.paused = undefined;
      if (id === SYSTEM_CHOICES.resumeYes && paused && this.runner.step(paused)) {
        this.runner.enter(session, paused, out);
      } else {
        this.runner.enter(session, this.runner.startOf(this.content.texts.flows.menu), out);
      }
      return;
    }
    const choice = this.runner.choices(session).find((c) => c.id === id);
    if (!choice) throw new CodedError('VH_UNKNOWN_CHOICE', `choice '${id}' is not offered at this point`);
    session.pending = undefined;
    this.takeChoice(session, choice, out);
  }

  private takeChoice(session: Session, choice: Choice, out: Reply[]): void {
    session.misses = 0;
    if (choice.set) Object.assign(session.slots, choice.set);
    const target = this.runner.resolve(session, choice.next);
    const back = choice.next === 'back';
    if (target.flow !== session.flow) this.leaveFlow(session, target.flow, true);
    this.runner.enter(session, target, out, { back });
    this.offerResume(session, out);
  }

  /** Starts the flow an intent triggers (or jumps within the current one). */
  /** Whether an intent would send a person who is mid-way through a flow back to its start. */
  private restartsCurrentFlow(session: Session, intent: string): boolean {
    const target = this.triggers.get(intent);
    if (!target || target.flow !== session.flow || !this.runner.isWaiting(session)) return false;
    return target.step === this.content.flows.get(target.flow)?.start && session.step !== target.step;
  }

  private startIntent(session: Session, intent: string, out: Reply[]): void {
    const target = this.triggers.get(intent) ?? this.runner.startOf(this.content.texts.flows.notUnderstood);
    this.goTo(session, target, out, { pause: true });
  }

  private goTo(session: Session, target: StepRef, out: Reply[], opts: { pause: boolean }): void {
    session.misses = 0;
    session.pending = undefined;
    if (target.flow !== session.flow) this.leaveFlow(session, target.flow, opts.pause);
    this.runner.enter(session, target, out);
    this.offerResume(session, out);
  }

  /** Leaving a flow that still waits for an answer: remember it, so we can offer to return. */
  private leaveFlow(session: Session, toFlow: string, pause: boolean): void {
    const fixed = this.content.texts.flows;
    const system = [fixed.welcome, fixed.menu, fixed.notUnderstood, fixed.crisis, fixed.acute, fixed.help];
    const unfinished = this.runner.isWaiting(session) && !system.includes(session.flow);
    if (pause && unfinished && session.paused?.flow !== toFlow) session.paused = { flow: session.flow, step: session.step };
    if (session.paused?.flow === toFlow) session.paused = undefined;
  }

  /** At the end of a flow, offer to return to the unfinished one. */
  private offerResume(session: Session, out: Reply[]): void {
    if (!session.paused || this.runner.isWaiting(session)) return;
    if (session.paused.flow === session.flow) {
      session.paused = undefined;
      return;
    }
    const flow = this.content.flows.get(session.paused.flow);
    if (!flow || !this.runner.step(session.paused)) {
      session.paused = undefined;
      return;
    }
    const t = this.content.texts.resume;
    session.pending = { kind: 'resume' };
    out.push({
      type: 'choices',
      text: t.ask.replace('{title}', flow.title),
      choices: [
        { id: SYSTEM_CHOICES.resumeYes, label: t.yes },
        { id: SYSTEM_CHOICES.resumeNo, label: t.no },
      ],
    });
  }

  /** First miss: the same question in other words. Second: the menu and who is open now. */
  private notUnderstood(session: Session, out: Reply[]): void {
    session.misses += 1;
    const t = this.content.texts;
    if (session.misses === 1 && this.runner.isWaiting(session)) {
      out.push({ type: 'text', text: this.runner.pick(session, t.notUnderstood.first) });
      this.runner.repeatQuestion(session, out, true);
      return;
    }
    if (session.misses === 1) {
      this.goTo(session, this.triggers.get('out_of_scope') ?? this.runner.startOf(t.flows.notUnderstood), out, { pause: false });
      session.misses = 1;
      return;
    }
    out.push({ type: 'text', text: this.runner.pick(session, t.notUnderstood.second) });
    this.goTo(session, this.runner.startOf(t.flows.notUnderstood), out, { pause: true });
  }

  private commandTarget(command: 'menu' | 'help' | 'restart'): StepRef {
    const f = this.content.texts.flows;
    return this.runner.startOf(command === 'menu' ? f.menu : command === 'help' ? f.help : f.welcome);
  }

  /** "ja", "nee", "weet ik niet" and their variants: the whole text, or its first words ("nee hoor, …"). */
  private meaningOf(folded: string): 'yes' | 'no' | 'unknown' | undefined {
    const words = folded.split(' ');
    for (let n = Math.min(words.length, 4); n >= 1; n--) {
      const head = n === words.length ? folded : words.slice(0, n).join(' ');
      if (this.unknown.has(head)) return 'unknown';
      if (this.no.has(head)) return 'no';
      if (this.yes.has(head)) return 'yes';
    }
    return undefined;
  }

  /** A button chosen by typing: its label, its id, or yes / no / "weet ik niet". */
  private typedChoice(folded: string, choices: readonly Choice[]): Choice | undefined {
    const byLabel = choices.find((c) => this.foldedLabel(c) === folded || c.id.replace(/_/g, ' ') === folded);
    if (byLabel) return byLabel;
    const meaning = this.meaningOf(folded);
    if (meaning) return choices.find((c) => c.means === meaning);
    return undefined;
  }

  private readonly labels = new WeakMap<Choice, string>();
  private foldedLabel(c: Choice): string {
    let folded = this.labels.get(c);
    if (folded === undefined) {
      folded = foldForComparison(c.label);
      this.labels.set(c, folded);
    }
    return folded;
  }
}

function describe(result: MatchResult): Partial<Debug> {
  if (result.type === 'matched') return { intent: result.intent, score: result.score, match: 'matched' };
  const top = result.candidates[0];
  return { match: result.type, ...(top ? { intent: result.type === 'none' ? 'out_of_scope' : top.intent, score: top.score } : { intent: 'out_of_scope' }) };
}

