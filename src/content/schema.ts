/**
 * The content schemas: the single source of the content types (via z.infer).
 * Everything a young person reads lives in YAML files checked against these schemas at load time,
 * so a content author gets "file: field: problem" instead of a crash at 2 a.m.
 */
import { z } from 'zod';

/** Readable ids: lower case words joined by "_" or "-" (they show up in diffs and transcripts). */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'use lower case letters, digits, "_" or "-" (for example: al_betaald)');

/** Where a fact comes from: a seed file, a section of the content brief, or a named site. */
export const Source = z.union([z.string().min(3), z.array(z.string().min(3)).min(1)], {
  error: 'write the source as a text or a list of texts (put quotes around a text that holds ": ")',
});

const Text = z.string().trim().min(1, 'empty text');

// ---------------------------------------------------------------------------------------------
// Intents

export const IntentFile = z.strictObject({
  id: Id,
  /** Short plain Dutch, used in "Bedoel je: <label>? Klopt dat?". */
  label: Text.max(80),
  /** A finer intent maps to one of the public ids of shared/intents.md. */
  topic: Id.optional(),
  source: Source.optional(),
  examples: z.array(Text).min(1, 'an intent needs examples'),
});
export type IntentFile = z.infer<typeof IntentFile>;

export const SpellingLexicon = z.strictObject({
  source: Source,
  map: z.record(z.string().min(1), z.string().min(1)),
});
export type SpellingLexicon = z.infer<typeof SpellingLexicon>;

export const SynonymLexicon = z.strictObject({
  source: Source,
  groups: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
});
export type SynonymLexicon = z.infer<typeof SynonymLexicon>;

/**
 * Crisis phrases: recall first. A pattern is words separated by spaces; "…" (or "...") lets up to
 * four other words sit in between; a word ending in "*" matches any word that starts with it.
 * No regular expressions: content authors must be able to read and change these.
 */
export const CrisisLexicon = z.strictObject({
  source: Source,
  crisis_suicide: z.array(Text).min(1),
  acute_danger: z.array(Text).min(1),
  /** Phrases that look like crisis but are not ("dood gaan van het lachen"). */
  not_crisis: z.array(Text).default([]),
});
export type CrisisLexicon = z.infer<typeof CrisisLexicon>;

/**
 * Cue rules: concepts that together are strong evidence for an intent. `when` lists groups that
 * must all be present; a group is one entry or a list of alternatives. An entry is a concept from
 * synonyms.yml ("#naaktfoto"), a word or a few words that must all occur ("als je niet"), or a
 * negated word ("!betaald": only "niet betaald" counts). Negated words never match plain entries.
 */
const RuleEntry = z.string().trim().min(1);
export const RulesLexicon = z.strictObject({
  source: Source,
  rules: z
    .array(
      z.strictObject({
        intent: Id,
        when: z.array(z.union([RuleEntry, z.array(RuleEntry).min(1)])).min(1),
        unless: z.array(RuleEntry).optional(),
        /** Only for short messages ("later", "wat kan je"): at most this many words. */
        maxWords: z.number().int().min(1).optional(),
        weight: z.number().gt(0).max(0.9),
        why: Text.optional(),
      }),
    )
    .min(1),
});
export type RulesLexicon = z.infer<typeof RulesLexicon>;

// ---------------------------------------------------------------------------------------------
// Referrals

const Clock = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, 'use HH:MM, for example 09:00');
const Interval = z.tuple([Clock, Clock]);
export const Weekday = z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']);
export type Weekday = z.infer<typeof Weekday>;

/** Opening hours in Europe/Amsterdam time. */
export const Hours = z.union([
  z.strictObject({ always: z.literal(true), note: Text.optional() }),
  z.strictObject({ unknown: z.literal(true), note: Text.optional() }),
  z.strictObject({
    weekly: z.partialRecord(Weekday, z.array(Interval)),
    note: Text.optional(),
  }),
]);
export type Hours = z.infer<typeof Hours>;

const Phone = z.string().regex(/^[0-9][0-9 -]{1,15}[0-9]$/, 'write a phone number as digits, spaces and "-"');
const HttpsUrl = z.url({ protocol: /^https$/, error: 'use a full https:// address' });

export const Referral = z.strictObject({
  id: Id,
  name: Text,
  /** What you can go there for, in plain Dutch. */
  for: Text,
  phone: Phone.optional(),
  phoneNote: Text.optional(),
  url: HttpsUrl.optional(),
  chat: HttpsUrl.optional(),
  hours: Hours,
  chatHours: Hours.optional(),
  ages: z.strictObject({ min: z.number().int().min(0).optional(), max: z.number().int().max(120).optional() }).optional(),
  anonymous: z.enum(['ja', 'nee', 'deels', 'onbekend']),
  anonymousNote: Text.optional(),
  source: Source,
  checked: Text,
});
export type Referral = z.infer<typeof Referral>;

export const ReferralsFile = z.strictObject({
  referrals: z.array(Referral).min(1),
});

// ---------------------------------------------------------------------------------------------
// Flows

/** A closed union of declarative conditions. Never JavaScript in strings. */
export type Condition =
  | { slot: string; equals: string | number | boolean }
  | { slot: string; isSet: boolean }
  | { count: { slots: string[]; equals: string | number | boolean }; atLeast: number }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };

export const Condition: z.ZodType<Condition> = z.lazy(() =>
  z.union([
    z.strictObject({ slot: Id, equals: z.union([z.string(), z.number(), z.boolean()]) }),
    z.strictObject({ slot: Id, isSet: z.boolean() }),
    z.strictObject({
      count: z.strictObject({ slots: z.array(Id).min(1), equals: z.union([z.string(), z.number(), z.boolean()]) }),
      atLeast: z.number().int().min(0),
    }),
    z.strictObject({ all: z.array(Condition).min(1) }),
    z.strictObject({ any: z.array(Condition).min(1) }),
    z.strictObject({ not: Condition }),
  ]),
);

const SlotValue = z.union([z.string(), z.number(), z.boolean()]);
const SlotSet = z.record(Id, SlotValue);

/** A message: a plain string, or variants of which one is said (to vary repeated visits). */
export const Message = z.union([Text, z.strictObject({ variants: z.array(Text).min(2) })]);
export type Message = z.infer<typeof Message>;

/** A target: a step of this flow ("paid"), or another flow's start or step ("nude_shared" / "nude_shared.start"). */
const Target = z.string().regex(/^[a-z0-9][a-z0-9_-]*(\.[a-z0-9][a-z0-9_-]*)?$/, 'write a step id, or flow.step');

/** What a typed answer means, so "ja", "nee" or "weet ik niet" pick the matching button. */
export const Means = z.enum(['yes', 'no', 'unknown', 'other']);

export const Choice = z.strictObject({
  id: Id,
  label: Text.max(40, 'keep button labels short (max 40 characters)'),
  next: Target,
  set: SlotSet.optional(),
  means: Means.optional(),
});
export type Choice = z.infer<typeof Choice>;

export const Branch = z.union([
  z.strictObject({ if: Condition, next: Target }),
  z.strictObject({ else: Target }),
]);

export const Step = z
  .strictObject({
    /** Statements, at most three before the person can answer. */
    say: z.array(Message).max(3, 'at most 3 messages before the person can answer').default([]),
    /** Referral cards (ids from content/referrals.yml), shown with "open now" labels. */
    referrals: z.array(Id).default([]),
    /** Slots set when this step is reached. */
    set: SlotSet.optional(),
    /** The one question shown with the buttons or before free text. */
    ask: Message.optional(),
    /** Said instead of `ask` after a first misunderstanding: the same question in other words. */
    reprompt: Text.optional(),
    choices: z.array(Choice).min(1).max(4, 'at most 3 choices plus "iets anders"').optional(),
    /** Free text: intents (ids from intents/) that lead to a step here. */
    expect: z.record(Id, Target).optional(),
    /** Continue without waiting. */
    next: Target.optional(),
    branch: z.array(Branch).min(2).optional(),
    /** The flow ends here; the conversation rests until the next message. */
    end: z.literal(true).optional(),
    source: Source.optional(),
  })
  .superRefine((step, ctx) => {
    const moves = ['choices', 'next', 'branch', 'end'].filter((k) => step[k as keyof typeof step] !== undefined);
    if (moves.length !== 1) {
      ctx.addIssue({
        code: 'custom',
        message:
          moves.length === 0
            ? 'a step needs exactly one of: choices, next, branch, end'
            : `a step needs exactly one of: choices, next, branch, end (found ${moves.join(', ')})`,
      });
    }
    if (step.choices && !step.ask) ctx.addIssue({ code: 'custom', path: ['ask'], message: 'a step with choices needs an ask (the question)' });
    if (step.expect && !step.choices) ctx.addIssue({ code: 'custom', path: ['expect'], message: 'expect only works together with choices' });
    if (step.branch) {
      const last = step.branch[step.branch.length - 1];
      if (!last || !('else' in last)) ctx.addIssue({ code: 'custom', path: ['branch'], message: 'the last branch must be an else' });
    }
  });
export type Step = z.infer<typeof Step>;

export const Trigger = z.strictObject({ intent: Id, step: Id.optional() });

export const FlowFile = z
  .strictObject({
    id: Id,
    /** Short Dutch title, used in "Wil je verder met: <title>?". */
    title: Text.max(60),
    /** Intents that start this flow (optionally at a given step). */
    triggers: z.array(Trigger).default([]),
    /** Where facts in this flow come from (steps may name their own source too). */
    source: Source,
    start: Id,
    steps: z.record(Id, Step),
  });
export type FlowFile = z.infer<typeof FlowFile>;

// ---------------------------------------------------------------------------------------------
// System texts: what the bot says outside flows (not understood, resume, referral labels, errors).

export const TextsFile = z.strictObject({
  source: Source,
  notUnderstood: z.strictObject({ first: Message, second: Message }),
  confirm: z.strictObject({ ask: Text.includes('{label}'), yes: Text.max(40), no: Text.max(40) }),
  resume: z.strictObject({ ask: Text.includes('{title}'), yes: Text.max(40), no: Text.max(40) }),
  restarted: Text,
  /** Said when someone names the topic they are already in; then the open question again. */
  sameTopic: Message,
  expired: Text,
  /** How long the bot keeps a conversation, filled in where a flow says {bewaartijd}. */
  retention: z.strictObject({ minutes: Text.includes('{n}'), hours: Text.includes('{n}') }),
  imageRefused: Text,
  /** Labels on referral cards: "Nu open", "Weer open om {time}", "Weer open op {day} om {time}". */
  referralStatus: z.strictObject({
    always: Text,
    open: Text,
    closedToday: Text.includes('{time}'),
    closedTomorrow: Text.includes('{time}'),
    closedLater: Text.includes('{day}').includes('{time}'),
    closed: Text,
    unknown: Text,
  }),
  weekdays: z.strictObject({ mon: Text, tue: Text, wed: Text, thu: Text, fri: Text, sat: Text, sun: Text }),
  errors: z.strictObject({
    unavailable: Text,
    tooLong: Text,
    rateLimited: Text,
  }),
  yesWords: z.array(Text).min(1),
  noWords: z.array(Text).min(1),
  unknownWords: z.array(Text).min(1),
  /** Typed on their own, these stop what is going on and show the menu ("stop", "menu"). */
  menuWords: z.array(Text).min(1),
  /** Flow ids the engine uses for fixed moments. */
  flows: z.strictObject({
    welcome: Id,
    menu: Id,
    notUnderstood: Id,
    crisis: Id,
    acute: Id,
    /** Telegram /hulp and the like: who can I reach now. */
    help: Id,
  }),
});
export type TextsFile = z.infer<typeof TextsFile>;

// ---------------------------------------------------------------------------------------------
// Language rules (B1/LVB) enforced by validate:content.

export const LanguageRules = z.strictObject({
  source: Source,
  maxSentenceWords: z.number().int().min(5),
  maxAverageSentenceWords: z.number().min(3),
  maxMessagesBeforeAnswer: z.number().int().min(1),
  maxQuestionsPerMessage: z.number().int().min(1),
  /** Words or phrases that never appear in what the bot says, each with the reason. */
  denied: z.array(z.strictObject({ phrase: Text, reason: Text })).min(1),
});
export type LanguageRules = z.infer<typeof LanguageRules>;
