import { describe, expect, test } from 'vitest';
import { normalize, sanitize, tokenize } from '../../src/nlu/normalize.js';
import { negationMask } from '../../src/nlu/analyze.js';

describe('normalize', () => {
  test.for([
    ['Héééélp!!!', 'heelp .'],
    ['Ik ben  BANG', 'ik ben bang'],
    ['m’n foto’s', "m'n foto's"],
    ['café naïef coördinator', 'cafe naief coordinator'],
    ['hij wil 200 euro', 'hij wil 200 euro'],
    ['om 20.00 uur', 'om 2000 uur'],
    ['kijk op https://example.com/x of mail a@b.nl', 'kijk op of mail'],
    ['@pietje123 zei dat', 'zei dat'],
    ['ＦＵＬＬＷＩＤＴＨ', 'fullwidth'],
  ])('%s → %s', ([input, expected]) => {
    expect(normalize(input!)).toBe(expected);
  });

  test('removes control characters, zero-width characters and lone surrogates', () => {
    expect(sanitize('a\u0000b\u200Bc\uD800d\u202Ee')).toBe('abcde');
    expect(normalize('\u0007hallo\uDC00')).toBe('hallo');
  });

  test('keeps emoji out but never throws on them', () => {
    expect(normalize('😭😭 help')).toBe('help');
  });
});

describe('tokenize', () => {
  test('splits sentences at . ! ? and new lines', () => {
    expect(tokenize(normalize('Hij wil geld. Anders stuurt hij mijn foto!\nik ben bang'))).toEqual([
      ['hij', 'wil', 'geld'],
      ['anders', 'stuurt', 'hij', 'mijn', 'foto'],
      ['ik', 'ben', 'bang'],
    ]);
  });

  test('an empty message has no sentences', () => {
    expect(tokenize(normalize(' ?!. '))).toEqual([]);
  });
});

describe('negation', () => {
  const marked = (s: string) => {
    const words = normalize(s).split(' ');
    const mask = negationMask(words);
    return words.filter((_, i) => mask[i]);
  };
  test('"niet" before a participle negates it', () => {
    expect(marked('ik heb niet betaald')).toEqual(['betaald']);
  });
  test('"niet" at the end negates the verb before it', () => {
    expect(marked('ik betaal niet')).toEqual(['betaal']);
  });
  test('passes over "meer" and stops at a clause break or a new subject', () => {
    expect(marked('ik wil niet meer leven')).toEqual(['leven']);
    expect(marked('als je niet betaalt zet ik je foto online')).toEqual(['betaalt']);
    expect(marked('ik heb geen geld maar hij dreigt')).toEqual(['geld']);
  });
});
