/**
 * The misses store: counts per day always; texts only when collecting, scrubbed, shuffled, at most
 * 7 days, capped per day and in all. And the observer that feeds it from real conversations.
 */
import { describe, expect, test } from 'vitest';
import type { Inbound } from '../../src/core/messages.js';
import type { ServiceTurn } from '../../src/core/service.js';
import { Studio } from '../../src/studio/index.js';
import { dayOf, MAX_PER_DAY, MAX_TOTAL, MissesStore } from '../../src/studio/misses.js';
import { Scrubber } from '../../src/studio/scrub.js';
import { testBot } from '../helpers/app.js';

function clockAt(iso: string) {
  let now = new Date(iso);
  return {
    clock: () => now,
    set: (next: string) => {
      now = new Date(next);
    },
  };
}

describe('MissesStore', () => {
  test('days are Dutch calendar days', () => {
    expect(dayOf(new Date('2026-11-24T22:30:00Z'))).toBe('2026-11-24');
    expect(dayOf(new Date('2026-11-24T23:30:00Z'))).toBe('2026-11-25');
    expect(dayOf(new Date('2026-07-01T22:30:00Z'))).toBe('2026-07-02');
  });

  test('not collecting: counts only, never a text', () => {
    const c = clockAt('2026-11-24T10:00:00+01:00');
    const store = new MissesStore({ collect: false, clock: c.clock });
    store.record('matched', 'hij dreigt mijn foto te delen');
    store.record('none', 'geheime tekst van Sanne 0612345678');
    store.record('unsure', 'nog een tekst', 'sextortion');
    const r = store.report();
    expect(r.collecting).toBe(false);
    expect(r.messages).toBeUndefined();
    expect(r.days).toEqual([{ date: '2026-11-24', matched: 1, unsure: 1, none: 1 }]);
    expect(JSON.stringify(r)).not.toMatch(/geheime|Sanne|0612345678|tekst/);
  });

  test('collecting: scrubbed texts of unsure and none only, with the day, grouped, no time', () => {
    const c = clockAt('2026-11-24T10:00:00+01:00');
    const store = new MissesStore({ collect: true, scrubber: new Scrubber(), clock: c.clock });
    store.record('matched', 'dit werd begrepen');
    store.record('none', 'bel Sanne op 0612345678');
    store.record('none', 'bel Sanne op 0612345678');
    store.record('unsure', 'ik weet niet of het mag', 'sexting_law');
    const r = store.report();
    expect(r.messages).toHaveLength(2);
    const none = r.messages!.find((m) => m.outcome === 'none')!;
    expect(none).toEqual({ date: '2026-11-24', text: 'bel [NAME] op [PHONE]', outcome: 'none', count: 2 });
    expect(r.messages!.find((m) => m.outcome === 'unsure')).toEqual({ date: '2026-11-24', text: 'ik weet niet of het mag', outcome: 'unsure', guess: 'sexting_law', count: 1 });
    expect(JSON.stringify(r)).not.toMatch(/begrepen|Sanne|0612345678|T\d\d:/);
  });

  test('texts are kept 7 days, counts 30; older days are dropped', () => {
    const c = clockAt('2026-11-01T12:00:00+01:00');
    const store = new MissesStore({ collect: true, scrubber: new Scrubber(), clock: c.clock });
    store.record('none', 'eerste dag');
    c.set('2026-11-07T12:00:00+01:00');
    store.record('none', 'zevende dag');
    expect(store.report().messages!.map((m) => m.date).sort()).toEqual(['2026-11-01', '2026-11-07']);
    c.set('2026-11-08T12:00:00+01:00');
    const r = store.report();
    expect(r.messages!.map((m) => m.text)).toEqual(['zevende dag']);
    expect(r.days.map((d) => d.date)).toEqual(['2026-11-07', '2026-11-01']);
    c.set('2026-12-07T12:00:00+01:00');
    const later = store.report();
    expect(later.messages).toEqual([]);
    expect(later.days.map((d) => d.date)).toEqual([]);
  });

  test(`at most ${MAX_PER_DAY} texts a day and ${MAX_TOTAL} in all (the oldest day gives way); counts go on`, () => {
    const c = clockAt('2026-11-01T12:00:00+01:00');
    const store = new MissesStore({ collect: true, scrubber: new Scrubber(), clock: c.clock });
    const kept = () => store.report().messages!.reduce((n, m) => n + m.count, 0);
    for (let i = 0; i < MAX_PER_DAY + 20; i++) store.record('none', `zin nummer ${i}`);
    expect(kept()).toBe(MAX_PER_DAY);
    expect(store.report().days[0]!.none).toBe(MAX_PER_DAY + 20);
    for (const day of ['02', '03', '04', '05']) {
      c.set(`2026-11-${day}T12:00:00+01:00`);
      for (let i = 0; i < MAX_PER_DAY; i++) store.record('none', `zin ${day} ${i}`);
    }
    expect(kept()).toBe(MAX_TOTAL);
    const perDay = new Map<string, number>();
    for (const m of store.report().messages!) perDay.set(m.date, (perDay.get(m.date) ?? 0) + m.count);
    expect(perDay.get('2026-11-05')).toBe(MAX_PER_DAY);
    expect(perDay.get('2026-11-01') ?? 0).toBe(0);
  });

  test('the order says nothing about when a text came', () => {
    const c = clockAt('2026-11-01T12:00:00+01:00');
    const store = new MissesStore({ collect: true, scrubber: new Scrubber(), clock: c.clock });
    for (let i = 0; i < 60; i++) store.record('none', `zin ${i}`);
    const orders = new Set<string>();
    for (let k = 0; k < 3; k++) orders.add(store.report().messages!.map((m) => m.text).join('|'));
    const first = store.report().messages!.map((m) => m.text);
    const arrival = Array.from({ length: 60 }, (_, i) => `zin ${i}`);
    expect(first).not.toEqual(arrival);
    expect([...first].sort()).toEqual([...arrival].sort());
    expect(orders.size).toBeGreaterThan(1);
  });
});

describe('the observer on the public conversation service', () => {
  const turn = (match: 'matched' | 'unsure' | 'none' | 'choice' | 'system', intent?: string): ServiceTurn =>
    ({ conversationId: 'x'.repeat(24), replies: [], session: {} as ServiceTurn['session'], debug: { match, flow: 'f', step: 's', ...(intent ? { intent } : {}) } }) as ServiceTurn;
  const text = (t: string): Inbound => ({ type: 'text', text: t });

  test('counts typed messages by the matcher outcome; buttons and typed button answers are not counted', () => {
    const studio = new Studio({ bot: testBot(), collectMisses: true, root: '/nonexistent', clock: () => new Date('2026-11-24T12:00:00+01:00') });
    studio.observer(text('hij dreigt'), turn('matched', 'sextortion'));
    studio.observer(text('ja'), turn('choice', 'out_of_scope'));
    studio.observer({ type: 'choice', id: 'stappen' }, turn('choice'));
    studio.observer({ type: 'media', kind: 'photo' }, turn('system'));
    studio.observer(text('iets vaags over Sanne'), turn('unsure', 'sextortion_paid'));
    studio.observer(text('iets onbekends'), turn('none', 'out_of_scope'));
    const r = studio.misses.report();
    expect(r.days).toEqual([{ date: '2026-11-24', matched: 1, unsure: 1, none: 1 }]);
    expect(r.messages!.map((m) => [m.text, m.outcome, m.guess]).sort()).toEqual([
      ['iets onbekends', 'none', undefined],
      ['iets vaags over [NAME]', 'unsure', 'sextortion'],
    ]);
  });
});
