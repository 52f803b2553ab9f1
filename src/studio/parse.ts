/**
 * "Why did the matcher decide this?" — the answer of POST /api/v1/studio/parse and
 * `npm run studio:try`. The fields of shared/api.md (intent as a public id of shared/intents.md,
 * score, candidates, rules) mean the same as in `npm run -s nlu:parse`; the rest are extras.
 */
import type { Matcher } from '../nlu/matcher.js';

export interface ParseExplanation {
  /** The public intent id; "out_of_scope" when unsure or not understood. */
  intent: string;
  /** Matched: the score. Unsure: the top candidate's score. None: 1 - the top candidate's score (as nlu:parse). */
  score: number;
  candidates: Array<{ intent: string; fine: string; score: number }>;
  rules: string[];
  outcome: 'matched' | 'unsure' | 'none';
  /** The finer intent (intents/<fine>.intent.yml) when matched. */
  fine?: string;
  /** Unsure: the topic the bot asks about ("Bedoel je …? Klopt dat?"). */
  guess?: string;
  /** Matched by a crisis phrase or by the classifier. */
  via?: 'crisis' | 'classifier';
  normalized: string;
  thresholds: { match: number; unsure: number; margin: number; crisis: number };
}

const round = (x: number) => Math.round(x * 1000) / 1000;

export function explainParse(matcher: Matcher, text: string): ParseExplanation {
  const m = matcher.match(text, { explain: true });
  const top = m.candidates[0];
  const o = matcher.options;
  const base = {
    candidates: m.candidates.map((c) => ({ intent: c.topic, fine: c.intent, score: c.score })),
    rules: m.rules,
    normalized: m.normalized,
    thresholds: { match: o.matchThreshold, unsure: o.unsureThreshold, margin: o.minMargin, crisis: o.crisisThreshold },
  };
  if (m.type === 'matched') return { intent: m.topic, score: m.score, outcome: 'matched', fine: m.intent, via: m.via, ...base };
  if (m.type === 'unsure') return { intent: 'out_of_scope', score: top?.score ?? 0, outcome: 'unsure', ...(top ? { guess: top.topic } : {}), ...base };
  return { intent: 'out_of_scope', score: round(1 - (top?.score ?? 0)), outcome: 'none', ...base };
}
