/**
 * "What the bot did not understand", for workers who add examples. Two things, both in memory of
 * this process only (a restart forgets them; several instances each keep their own):
 *
 * 1. Always (when the studio is on): per calendar day (Europe/Amsterdam) three numbers — how many
 *    typed messages of real conversations the matcher understood (matched), doubted ("Bedoel je …?",
 *    unsure) or did not understand (none). No text, no conversation id, no time. Kept COUNT_DAYS days.
 * 2. Only with STUDIO_COLLECT_MISSES=1: the unsure / not understood messages themselves, scrubbed
 *    (see scrub.ts), with the day, the outcome and for unsure the topic the bot asked about. Never a
 *    conversation id, a time finer than the day, or the order they came in (stored and returned
 *    shuffled). Kept TEXT_DAYS days; at most MAX_PER_DAY per day and MAX_TOTAL in all (the oldest day
 *    gives way first).
 */
import { randomInt } from 'node:crypto';
import type { Scrubber } from './scrub.js';

export type Outcome = 'matched' | 'unsure' | 'none';

export const COUNT_DAYS = 30;
export const TEXT_DAYS = 7;
export const MAX_PER_DAY = 500;
export const MAX_TOTAL = 2000;

export interface DayCounts {
  date: string;
  matched: number;
  unsure: number;
  none: number;
}

export interface KeptMiss {
  date: string;
  text: string;
  outcome: 'unsure' | 'none';
  /** For unsure: the public topic the bot asked "Bedoel je …?" about. */
  guess?: string;
  /** How often this exact scrubbed text came that day. */
  count: number;
}

export interface MissesReport {
  collecting: boolean;
  limits: { countDays: number; textDays: number; maxPerDay: number; maxTotal: number };
  /** Newest day first. */
  days: DayCounts[];
  /** Only when collecting: shuffled within each day, newest day first. */
  messages?: KeptMiss[];
}

interface Entry {
  text: string;
  outcome: 'unsure' | 'none';
  guess?: string;
}

const DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });
/** The calendar day in the Netherlands, "2026-11-24". */
export const dayOf = (d: Date): string => DAY.format(d);

function shuffle<T>(list: T[]): T[] {
  for (let i = list.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [list[i], list[j]] = [list[j]!, list[i]!];
  }
  return list;
}

export class MissesStore {
  private readonly counts = new Map<string, DayCounts>();
  private readonly texts = new Map<string, Entry[]>();
  private total = 0;
  private readonly clock: () => Date;

  constructor(
    private readonly options: { collect: boolean; scrubber?: Scrubber; clock?: () => Date },
  ) {
    this.clock = options.clock ?? (() => new Date());
    if (options.collect && !options.scrubber) throw new Error('collecting misses needs a scrubber');
  }

  get collecting(): boolean {
    return this.options.collect;
  }

  /** One typed message of a real conversation and what the matcher made of it. */
  record(outcome: Outcome, text: string, guess?: string): void {
    const date = dayOf(this.clock());
    this.prune(date);
    const c = this.counts.get(date) ?? { date, matched: 0, unsure: 0, none: 0 };
    c[outcome]++;
    this.counts.set(date, c);
    if (!this.options.collect || outcome === 'matched') return;
    const scrubbed = this.options.scrubber!.scrub(text);
    if (!scrubbed) return;
    const list = this.texts.get(date) ?? [];
    if (list.length >= MAX_PER_DAY) return;
    if (this.total >= MAX_TOTAL && !this.evictOldest(date)) return;
    const entry: Entry = { text: scrubbed, outcome, ...(outcome === 'unsure' && guess ? { guess } : {}) };
    // Insert at a random place: the order says nothing about when it came.
    list.splice(randomInt(list.length + 1), 0, entry);
    this.texts.set(date, list);
    this.total++;
  }

  report(): MissesReport {
    const today = dayOf(this.clock());
    this.prune(today);
    const days = [...this.counts.values()].sort((a, b) => b.date.localeCompare(a.date)).map((d) => ({ ...d }));
    const out: MissesReport = {
      collecting: this.options.collect,
      limits: { countDays: COUNT_DAYS, textDays: TEXT_DAYS, maxPerDay: MAX_PER_DAY, maxTotal: MAX_TOTAL },
      days,
    };
    if (this.options.collect) {
      out.messages = [...this.texts.entries()]
        .sort(([a], [b]) => b.localeCompare(a))
        .flatMap(([date, list]) => {
          const grouped = new Map<string, KeptMiss>();
          for (const e of list) {
            const key = `${e.outcome}\u0000${e.guess ?? ''}\u0000${e.text}`;
            const g = grouped.get(key) ?? { date, text: e.text, outcome: e.outcome, ...(e.guess ? { guess: e.guess } : {}), count: 0 };
            g.count++;
            grouped.set(key, g);
          }
          return shuffle([...grouped.values()]);
        });
    }
    return out;
  }

  /** Forgets everything (a worker's "wis" button could use it; tests do). */
  clear(): void {
    this.counts.clear();
    this.texts.clear();
    this.total = 0;
  }

  private prune(today: string): void {
    const cutoff = (days: number) => dayOf(new Date(Date.parse(`${today}T12:00:00Z`) - (days - 1) * 86_400_000));
    const countCutoff = cutoff(COUNT_DAYS);
    for (const d of this.counts.keys()) if (d < countCutoff) this.counts.delete(d);
    const textCutoff = cutoff(TEXT_DAYS);
    for (const [d, list] of this.texts) {
      if (d < textCutoff) {
        this.total -= list.length;
        this.texts.delete(d);
      }
    }
  }

  /** Makes room by dropping a random message of the oldest day other than today. */
  private evictOldest(today: string): boolean {
    const oldest = [...this.texts.keys()].filter((d) => d !== today && (this.texts.get(d)?.length ?? 0) > 0).sort()[0];
    if (!oldest) return false;
    const list = this.texts.get(oldest)!;
    list.splice(randomInt(list.length), 1);
    if (list.length === 0) this.texts.delete(oldest);
    this.total--;
    return true;
  }
}
