/**
 * Is a service open now? Opening hours are data in Europe/Amsterdam time; the clock is injected so
 * tests can ask "and at 02:00 on a Sunday?".
 */
import type { Hours, Weekday } from '../content/schema.js';
import type { OpenStatus } from '../core/messages.js';

const DAYS: Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const SHORT: Record<string, Weekday> = { Sun: 'sun', Mon: 'mon', Tue: 'tue', Wed: 'wed', Thu: 'thu', Fri: 'fri', Sat: 'sat' };

const formatter = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Amsterdam',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

export interface LocalTime {
  day: Weekday;
  /** Minutes since local midnight. */
  minutes: number;
}

export function amsterdamTime(at: Date): LocalTime {
  let day: Weekday = 'mon';
  let hour = 0;
  let minute = 0;
  for (const p of formatter.formatToParts(at)) {
    if (p.type === 'weekday') day = SHORT[p.value] ?? 'mon';
    else if (p.type === 'hour') hour = Number(p.value);
    else if (p.type === 'minute') minute = Number(p.value);
  }
  return { day, minutes: hour * 60 + minute };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
const toClock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

export type OpeningState =
  | { status: Extract<OpenStatus, 'always' | 'unknown'> }
  | { status: 'open'; until: string }
  | { status: 'closed'; opens: { today: boolean; day: Weekday; time: string } | undefined };

export function openingState(hours: Hours, at: Date): OpeningState {
  if ('always' in hours) return { status: 'always' };
  if ('unknown' in hours) return { status: 'unknown' };
  const now = amsterdamTime(at);
  const today = hours.weekly[now.day] ?? [];
  for (const [from, to] of today) {
    if (toMinutes(from) <= now.minutes && now.minutes < toMinutes(to)) return { status: 'open', until: to };
  }
  const laterToday = today.map(([from]) => toMinutes(from)).filter((m) => m > now.minutes).sort((a, b) => a - b)[0];
  if (laterToday !== undefined) return { status: 'closed', opens: { today: true, day: now.day, time: toClock(laterToday) } };
  const start = DAYS.indexOf(now.day);
  for (let k = 1; k <= 7; k++) {
    const day = DAYS[(start + k) % 7]!;
    const first = (hours.weekly[day] ?? []).map(([from]) => toMinutes(from)).sort((a, b) => a - b)[0];
    if (first !== undefined) return { status: 'closed', opens: { today: false, day, time: toClock(first) } };
  }
  return { status: 'closed', opens: undefined };
}
