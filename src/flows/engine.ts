/**
 * Runs validated flow data: enters a step, applies its slots, says its messages, shows its
 * referral cards with opening status, and follows `next` / `branch` until a step waits for the
 * person (choices) or rests (end). It knows nothing about channels or about intents.
 */
import type { Content } from '../content/load.js';
import type { Choice, Message, Referral, Step } from '../content/schema.js';
import { resolveTarget } from '../content/validate.js';
import type { ChoiceOption, Reply } from '../core/messages.js';
import type { Session, StepRef } from '../core/session.js';
import { evaluate } from './conditions.js';
import { openingState } from './opening-hours.js';

const MAX_AUTO_STEPS = 25;
const HISTORY = 5;

export interface RunnerOptions {
  clock: () => Date;
  /** How long sessions live, said truthfully where a flow writes {bewaartijd}. */
  retentionSeconds: number;
}

export class FlowRunner {
  private readonly retention: string;
  private readonly clock: () => Date;

  constructor(
    private readonly content: Content,
    options: RunnerOptions,
  ) {
    this.clock = options.clock;
    const minutes = Math.max(1, Math.round(options.retentionSeconds / 60));
    const r = content.texts.retention;
    this.retention = minutes >= 120 && minutes % 60 === 0 ? r.hours.replace('{n}', String(minutes / 60)) : r.minutes.replace('{n}', String(minutes));
  }

  step(ref: StepRef): Step | undefined {
    return this.content.flows.get(ref.flow)?.steps[ref.step];
  }

  startOf(flowId: string, stepId?: string): StepRef {
    const flow = this.content.flows.get(flowId);
    if (!flow) throw new Error(`unknown flow '${flowId}'`);
    return { flow: flow.id, step: stepId ?? flow.start };
  }

  /** Where a target leads from the session's current place (including back / menu / restart). */
  resolve(session: Session, target: string): StepRef {
    if (target === 'menu') return this.startOf(this.content.texts.flows.menu);
    if (target === 'restart') return this.startOf(this.content.texts.flows.welcome);
    if (target === 'back') return session.history[session.history.length - 1] ?? this.startOf(this.content.texts.flows.menu);
    const ref = resolveTarget(this.content, session.flow, target);
    if (!ref) throw new Error(`unknown target '${target}' in flow '${session.flow}'`);
    return ref;
  }

  /**
   * Enters `ref` and follows automatic steps. Mutates the session to the step where the
   * conversation now waits or rests, and appends what is said to `out`.
   */
  enter(session: Session, ref: StepRef, out: Reply[], opts: { reprompt?: boolean; back?: boolean } = {}): void {
    const leaving = this.step({ flow: session.flow, step: session.step });
    if (!opts.back && leaving?.choices && !(session.flow === ref.flow && session.step === ref.step)) {
      session.history = [...session.history, { flow: session.flow, step: session.step }].slice(-HISTORY);
    }
    if (opts.back) session.history = session.history.slice(0, -1);
    let current = ref;
    for (let hop = 0; hop < MAX_AUTO_STEPS; hop++) {
      const step = this.step(current);
      if (!step) throw new Error(`unknown step '${current.flow}.${current.step}'`);
      session.flow = current.flow;
      session.step = current.step;
      if (step.set) Object.assign(session.slots, step.set);
      this.render(session, step, out, opts.reprompt === true && hop === 0);
      if (step.choices || step.end) return;
      const target = step.next ?? this.branchTarget(session, step);
      current = this.resolve(session, target);
    }
    throw new Error(`more than ${MAX_AUTO_STEPS} automatic steps from '${ref.flow}.${ref.step}': a loop in the content`);
  }

  /** The current step's question and buttons again (after a picture, or a first misunderstanding). */
  repeatQuestion(session: Session, out: Reply[], reprompt: boolean): void {
    const step = this.step(session);
    if (!step?.choices) return;
    const text = reprompt && step.reprompt ? step.reprompt : this.pick(session, step.ask!);
    out.push({ type: 'choices', text, choices: choiceOptions(step.choices) });
  }

  choices(session: Session): Choice[] {
    return this.step(session)?.choices ?? [];
  }

  isWaiting(session: Session): boolean {
    return this.step(session)?.choices !== undefined;
  }

  referralReply(r: Referral): Reply {
    const t = this.content.texts;
    const state = openingState(r.hours, this.clock());
    let statusText: string;
    switch (state.status) {
      case 'always':
        statusText = t.referralStatus.always;
        break;
      case 'unknown':
        statusText = t.referralStatus.unknown;
        break;
      case 'open':
        statusText = t.referralStatus.open.replace('{until}', state.until);
        break;
      case 'closed': {
        const o = state.opens;
        if (!o) statusText = t.referralStatus.closed;
        else if (o.today) statusText = t.referralStatus.closedToday.replace('{time}', o.time);
        else if (isTomorrow(this.clock(), o.day)) statusText = t.referralStatus.closedTomorrow.replace('{time}', o.time);
        else statusText = t.referralStatus.closedLater.replace('{day}', t.weekdays[o.day]).replace('{time}', o.time);
      }
    }
    return {
      type: 'referral',
      id: r.id,
      label: r.name,
      description: r.for,
      ...(r.phone ? { phone: r.phone } : {}),
      ...(r.phoneNote ? { phoneNote: r.phoneNote } : {}),
      ...(r.url ? { url: r.url } : {}),
      ...(r.chat ? { chat: r.chat } : {}),
      status: state.status,
      statusText,
      anonymous: r.anonymous,
    };
  }

  /** Referral cards, the ones you can reach now first (stable otherwise: content order matters). */
  referralReplies(ids: readonly string[]): Reply[] {
    const rank = { always: 0, open: 0, unknown: 1, closed: 2 } as const;
    return ids
      .map((id) => this.content.referrals.get(id))
      .filter((r): r is Referral => r !== undefined)
      .map((r) => this.referralReply(r))
      .map((reply, i) => ({ reply, i }))
      .sort((a, b) => rank[(a.reply as { status: keyof typeof rank }).status] - rank[(b.reply as { status: keyof typeof rank }).status] || a.i - b.i)
      .map((x) => x.reply);
  }

  pick(session: Session, m: Message): string {
    const text = typeof m === 'string' ? m : m.variants[session.turn % m.variants.length]!;
    return text.includes('{bewaartijd}') ? text.replaceAll('{bewaartijd}', this.retention) : text;
  }

  private render(session: Session, step: Step, out: Reply[], reprompt: boolean): void {
    for (const m of step.say) out.push({ type: 'text', text: this.pick(session, m) });
    out.push(...this.referralReplies(step.referrals));
    if (step.choices) {
      const text = reprompt && step.reprompt ? step.reprompt : this.pick(session, step.ask!);
      out.push({ type: 'choices', text, choices: choiceOptions(step.choices) });
    } else if (step.ask) {
      out.push({ type: 'text', text: this.pick(session, step.ask) });
    }
  }

  private branchTarget(session: Session, step: Step): string {
    for (const b of step.branch ?? []) {
      if ('else' in b) return b.else;
      if (evaluate(b.if, session.slots)) return b.next;
    }
    throw new Error('branch without else');
  }
}

export const choiceOptions = (choices: readonly Choice[]): ChoiceOption[] => choices.map((c) => ({ id: c.id, label: c.label }));

function isTomorrow(now: Date, day: string): boolean {
  const tomorrow = new Date(now.getTime() + 24 * 3600 * 1000);
  const name = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Amsterdam', weekday: 'short' }).format(tomorrow).toLowerCase();
  return name === day;
}
