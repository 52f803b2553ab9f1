import { describe, expect, test } from 'vitest';
import { CrisisDetector, compilePattern, patternMatches } from '../../src/nlu/crisis.js';
import { normalize, tokenize } from '../../src/nlu/normalize.js';

const words = (s: string) => tokenize(normalize(s));

describe('crisis patterns', () => {
  test('a gap lets up to four words sit in between', () => {
    const p = compilePattern('wil … dood', 'crisis_suicide');
    expect(patternMatches(p, ['ik', 'wil', 'gewoon', 'echt', 'dood'])).toBe(true);
    expect(patternMatches(p, ['ik', 'wil', 'a', 'b', 'c', 'd', 'e', 'dood'])).toBe(false);
  });
  test('"word*" matches the start of a word and "$" the end of the sentence', () => {
    expect(patternMatches(compilePattern('zelfmoord*', 'crisis_suicide'), ['zelfmoordgedachten'])).toBe(true);
    const end = compilePattern('ik wil niet meer $', 'crisis_suicide');
    expect(patternMatches(end, ['ik', 'wil', 'niet', 'meer'])).toBe(true);
    expect(patternMatches(end, ['ik', 'wil', 'niet', 'meer', 'met', 'hem', 'praten'])).toBe(false);
  });
});

describe('CrisisDetector', () => {
  const detector = new CrisisDetector({
    source: 'test',
    crisis_suicide: ['niet meer leven', 'wil … dood', 'zie het … niet meer zitten'],
    acute_danger: ['staat … voor … deur'],
    not_crisis: ['dood … van het lachen'],
  });
  test('negation never hides a crisis', () => {
    expect(detector.detect(words('ik wil niet meer leven'))?.intent).toBe('crisis_suicide');
  });
  test('finds the crisis in any sentence of a long message', () => {
    const hit = detector.detect(words('hij heeft mijn foto. ik zie het echt niet meer zitten. wat moet ik doen'));
    expect(hit).toMatchObject({ intent: 'crisis_suicide', sentence: 1 });
  });
  test('suicide wins over acute danger in one message', () => {
    expect(detector.detect(words('hij staat voor de deur. ik wil dood'))?.intent).toBe('crisis_suicide');
  });
  test('acute danger alone', () => {
    expect(detector.detect(words('hij staat nu voor mijn deur'))?.intent).toBe('acute_danger');
  });
  test('an exception phrase in the same sentence is not crisis', () => {
    expect(detector.detect(words('ik ga dood van het lachen'))).toBeUndefined();
  });
});
