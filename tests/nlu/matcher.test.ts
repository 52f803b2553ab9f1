/**
 * The matcher: table-driven from the data (every example, the held-back list), plus the Dutch
 * behaviours the issue names (negation, verb forms, compounds, typos, several sentences, pasted
 * threats) and the explanation.
 */
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { foldForComparison } from '../../src/content/text-utils.js';
import { PUBLIC_INTENTS } from '../../src/content/public-intents.js';
import { evaluate, loadEvalRows, matcherPredictor } from '../../src/nlu/report.js';
import { testBot } from '../helpers/app.js';

const bot = testBot();
const m = bot.matcher;
const rows = loadEvalRows(join(import.meta.dirname, 'held-back.tsv'), join(import.meta.dirname, 'out-of-domain.txt'));
const devRows = loadEvalRows(join(import.meta.dirname, 'dev.tsv'), join(import.meta.dirname, 'dev-out-of-domain.txt'));
const topicOf = (r: ReturnType<typeof m.match>) => (r.type === 'matched' ? r.topic : r.type);

describe('the measuring stick', () => {
  const inDomain = rows.filter((r) => !r.outOfDomain);
  test('held-back list: 500+ rows, every public intent 15+ times, crisis and acute danger 40+', () => {
    expect(inDomain.length).toBeGreaterThanOrEqual(500);
    for (const id of PUBLIC_INTENTS.filter((i) => i !== 'out_of_scope')) {
      expect(inDomain.filter((r) => r.accept[0] === id).length, id).toBeGreaterThanOrEqual(15);
    }
    expect(inDomain.filter((r) => r.accept.some((a) => a === 'crisis_suicide' || a === 'acute_danger')).length).toBeGreaterThanOrEqual(40);
    expect(rows.filter((r) => r.outOfDomain).length).toBeGreaterThanOrEqual(300);
  });

  test('no held-back, development or out-of-domain row is an example', () => {
    const examples = new Set([...bot.content.intents.values()].flatMap((i) => i.examples.map(foldForComparison)));
    const copied = [...rows, ...devRows].filter((r) => examples.has(foldForComparison(r.text)) && foldForComparison(r.text) !== '');
    expect(copied.map((r) => r.text)).toEqual([]);
  });

  test('the development list is a list of its own: no row of it is in the held-back lists', () => {
    const heldBack = new Set(rows.map((r) => foldForComparison(r.text)));
    expect(devRows.filter((r) => heldBack.has(foldForComparison(r.text))).map((r) => r.text)).toEqual([]);
    expect(devRows.filter((r) => !r.outOfDomain).length).toBeGreaterThanOrEqual(500);
  });

  test('quality on the held-back list stays at its targets (a regression guard, not a timed test)', () => {
    const f = evaluate('ours', rows, matcherPredictor(m));
    expect(f.crisisRecall).toBe(1);
    expect(f.falseCrisisRate).toBeLessThanOrEqual(0.01);
    expect(f.oodFalseAccept).toBeLessThanOrEqual(0.03);
    // The target is 90 % (measured 92.3 % at the last change); this guards against falling back.
    expect(f.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  test('quality on the development list does not fall back (its figures are in tests/nlu/README.md)', () => {
    const f = evaluate('ours', devRows, matcherPredictor(m));
    // Measured 97.8 %: two indirect rows are missed (see the README); a lower figure is a regression.
    expect(f.crisisRecall).toBeGreaterThanOrEqual(0.97);
    expect(f.falseCrisisRate).toBeLessThanOrEqual(0.01);
    expect(f.oodFalseAccept).toBeLessThanOrEqual(0.05);
    expect(f.accuracy).toBeGreaterThanOrEqual(0.85);
  });
});

describe('every example leads to its own intent (or asks "Bedoel je …?" about it, or the crisis route pre-empts it)', () => {
  const cases = [...bot.content.intents.values()].flatMap((i) => i.examples.map((ex) => [i.id, ex, i.topic ?? i.id] as const));
  test.for(cases)('%s: %s', ([, ex, topic]) => {
    const r = m.match(ex);
    const got = topicOf(r);
    const preempted = got === 'crisis_suicide' || got === 'acute_danger';
    const asksAboutIt = r.type === 'unsure' && r.candidates[0]?.topic === topic;
    expect(got === topic || (topic === 'out_of_scope' && got === 'none') || asksAboutIt || preempted).toBe(true);
  });
});

describe('Dutch as young people write it', () => {
  test.for([
    ['hij wil 200 euro anders stuurt hij mn pics naar iedereen', 'sextortion'],
    ['ik word gechanteerd met een naaktfilmpje', 'sextortion'],
    ['ze heeft me afgeperst met mn nudes', 'sextortion'],
    ['als je niet betaalt zet ik je foto online', 'sextortion'],
    ['ik zie het niet meer zitten', 'crisis_suicide'],
    ['ik wil niet meer leven', 'crisis_suicide'],
    ['iedereen is beter af zonder mij', 'crisis_suicide'],
    ['hij staat nu voor mijn deur', 'acute_danger'],
    ['hoi', 'greeting'],
    ['wat is grooming', 'grooming'],
  ])('"%s" → %s', ([text, expected]) => {
    expect(topicOf(m.match(text!))).toBe(expected);
  });

  test('"niks"/"niets" do not negate a phrase after a preposition: "niks aan een bot" is about the bot', () => {
    const r = m.match('ik heb echt niks aan een chatbot', { explain: true });
    expect(topicOf(r)).toBe('human');
    expect(r.rules.join(' ')).not.toContain('!#robot');
    // Before a verb the negation still holds.
    expect(m.match('ik heb niks betaald', { explain: true }).rules.join(' ')).toContain('!#betalen');
  });

  test('"geslaagd" (passed an exam) is not read as "geslagen" (hit)', () => {
    const r = m.match('ik ben eindelijk geslaagd', { explain: true });
    expect(topicOf(r)).not.toBe('acute_danger');
    expect(r.rules.join(' ')).not.toContain('#mishandeling');
  });

  test.for([
    ['de strop hangt al klaar op mijn kamer', 'crisis_suicide'],
    ['ik sta nu boven op het dak en ik durf bijna', 'crisis_suicide'],
    ['ik ga zo voor de trein stappen', 'crisis_suicide'],
    ['ik heb een hele strip pillen hier liggen', 'crisis_suicide'],
    ['ik heb al mijn spullen weggegeven', 'crisis_suicide'],
    ['wie komt er eigenlijk op mijn begrafenis', 'crisis_suicide'],
    ['honestly im done with life', 'crisis_suicide'],
    ['ze laten me niet naar buiten gaan', 'acute_danger'],
  ])('a warning sign without the word "dood" still pre-empts: "%s"', ([text, expected]) => {
    const r = m.match(text!);
    expect(r.type === 'matched' && r.via).toBe('crisis');
    expect(topicOf(r)).toBe(expected);
  });

  test('a professional asking whether self-harm is a sign is not sent to the 113 card', () => {
    expect(topicOf(m.match('kan zelfbeschadiging een signaal zijn van grooming bij een jongere'))).not.toBe('crisis_suicide');
  });

  test('negation chooses the branch: "al betaald" and "NIET betaald" are different', () => {
    const paid = m.match('ik heb hem al betaald');
    const notPaid = m.match('ik heb NIET betaald maar hij blijft dreigen met mijn naaktfoto');
    expect(paid.type === 'matched' && paid.intent).toBe('sextortion_paid');
    expect(notPaid.type === 'matched' && notPaid.topic).toBe('sextortion');
    expect(notPaid.type === 'matched' && notPaid.intent).not.toBe('sextortion_paid');
  });

  test('several sentences: the most urgent wins (crisis > harmed now > questions)', () => {
    expect(topicOf(m.match('hoe zet ik mijn insta op prive. ik wil eigenlijk gewoon dood'))).toBe('crisis_suicide');
    expect(topicOf(m.match('hoi. ik heb een vraag. hij dreigt mijn naaktfoto naar mijn klas te sturen als ik niet betaal'))).toBe('sextortion');
  });

  test('typo tolerance does not turn one word into another with a different meaning', () => {
    const a = m.analyzer.analyze('ik word bedreigd').sentences[0]!.terms;
    const b = m.analyzer.analyze('ik word beledigd').sentences[0]!.terms;
    expect(a).not.toEqual(b);
  });

  test('verb forms and compounds meet the same concept', () => {
    const terms = (t: string) => m.analyzer.analyze(t).sentences.flatMap((s) => s.terms);
    expect(terms('gechanteerd')).toEqual(terms('chantage'));
    expect(terms('afgeperst')).toEqual(terms('afpersen'));
    expect(terms('naaktfilmpje').length).toBeGreaterThan(0);
  });

  test('everyday messages are not forced onto a topic', () => {
    for (const text of ['wat is de hoofdstad van frankrijk', 'ik heb zin in pannenkoeken', 'wie wint de wedstrijd zondag']) {
      expect(m.match(text).type, text).toBe('none');
    }
  });
});

describe('explanations', () => {
  test('a match carries what fired: lexicon, cue rules, strongest terms, nearest example', () => {
    const r = m.match('hij dreigt mn naaktfotos te leaken als ik niet betaal', { explain: true });
    const rules = r.rules.join('\n');
    expect(rules).toMatch(/lexicon: mn → mijn/);
    expect(rules).toMatch(/cue rule: .* → sextortion/);
    expect(rules).toMatch(/strongest terms for sextortion/);
    expect(rules).toMatch(/nearest example of sextortion/);
    expect(r.normalized).toBe('hij dreigt mn naaktfotos te leaken als ik niet betaal');
  });

  test('a crisis phrase is named', () => {
    const r = m.match('ik wil er niet meer zijn', { explain: true });
    expect(r.type === 'matched' && r.via).toBe('crisis');
    expect(r.rules.join(' ')).toMatch(/crisis phrase/);
  });
});
