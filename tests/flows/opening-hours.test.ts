import { describe, expect, test } from 'vitest';
import { amsterdamTime, openingState } from '../../src/flows/opening-hours.js';
import type { Hours } from '../../src/content/schema.js';

const daily11to21: Hours = {
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['11:00', '21:00']]])),
} as Hours;
const weekdays9to17: Hours = {
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [['09:00', '17:00']]])),
} as Hours;
const nights: Hours = {
  weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [['00:00', '06:00'], ['19:00', '24:00']]])),
} as Hours;

describe('amsterdamTime', () => {
  test('uses Europe/Amsterdam, winter and summer time', () => {
    expect(amsterdamTime(new Date('2026-11-22T01:00:00Z'))).toEqual({ day: 'sun', minutes: 120 });
    expect(amsterdamTime(new Date('2026-07-05T00:30:00Z'))).toEqual({ day: 'sun', minutes: 150 });
  });
});

describe('openingState', () => {
  test('02:00 on a Sunday: closed, opens today at 11:00', () => {
    expect(openingState(daily11to21, new Date('2026-11-22T02:00:00+01:00'))).toEqual({ status: 'closed', opens: { today: true, day: 'sun', time: '11:00' } });
  });
  test('15:00 on a Tuesday: open until 21:00', () => {
    expect(openingState(daily11to21, new Date('2026-11-24T15:00:00+01:00'))).toEqual({ status: 'open', until: '21:00' });
  });
  test('22:30: closed, opens the next day', () => {
    expect(openingState(daily11to21, new Date('2026-11-24T22:30:00+01:00'))).toEqual({ status: 'closed', opens: { today: false, day: 'wed', time: '11:00' } });
  });
  test('Saturday afternoon, weekday hours: opens on Monday', () => {
    expect(openingState(weekdays9to17, new Date('2026-11-28T14:00:00+01:00'))).toEqual({ status: 'closed', opens: { today: false, day: 'mon', time: '09:00' } });
  });
  test('night service open at 02:00 and 23:00, closed at noon', () => {
    expect(openingState(nights, new Date('2026-11-22T02:00:00+01:00')).status).toBe('open');
    expect(openingState(nights, new Date('2026-11-22T23:00:00+01:00'))).toEqual({ status: 'open', until: '24:00' });
    expect(openingState(nights, new Date('2026-11-22T12:00:00+01:00'))).toEqual({ status: 'closed', opens: { today: true, day: 'sun', time: '19:00' } });
  });
  test('always and unknown', () => {
    expect(openingState({ always: true }, new Date()).status).toBe('always');
    expect(openingState({ unknown: true }, new Date()).status).toBe('unknown');
  });
});
