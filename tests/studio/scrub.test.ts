/**
 * Scrubbing misunderstood messages before the studio may keep them: realistic personal data in
 * the ways young people type it must never survive; the rest of the sentence should.
 */
import { describe, expect, test } from 'vitest';
import { FIRST_NAMES } from '../../src/studio/first-names.js';
import { MAX_SCRUBBED_LENGTH, Scrubber, vocabularyFrom } from '../../src/studio/scrub.js';
import { testBot } from '../helpers/app.js';

const vocabulary = vocabularyFrom(testBot().content);
const scrubber = new Scrubber(vocabulary);
const scrub = (s: string) => scrubber.scrub(s);

describe('phone numbers', () => {
  test.for([
    '0612345678',
    '06-12345678',
    '06 12345678',
    '06 12 34 56 78',
    '06-12 34 56 78',
    '06 - 123 456 78',
    '+31612345678',
    '+31 6 12345678',
    '+31 (0)6 12345678',
    '+31(0)6-12345678',
    '0031 6 1234 5678',
    '0031612345678',
    '020-1234567',
    '020 123 4567',
    '(020) 123 45 67',
    '010-4123456',
    '0800-0113',
    '06.12.34.56.78',
    '+32 470 12 34 56',
  ])('%s', (phone) => {
    const out = scrub(`bel me op ${phone} vanavond`);
    expect(out).toBe('bel me op [PHONE] vanavond');
  });

  test('numbers that are no phone number stay: ages, amounts, 112 and 113', () => {
    expect(scrub('ik ben 14 en hij wil 200 euro')).toBe('ik ben 14 en hij wil 200 euro');
    expect(scrub('moet ik 112 of 113 bellen')).toBe('moet ik 112 of 113 bellen');
  });

  test('long other numbers, IBANs and birth dates go too', () => {
    expect(scrub('stuur 50 euro naar NL91ABNA0417164300 nu')).toBe('stuur 50 euro naar [NUMBER] nu');
    expect(scrub('stuur naar NL91 ABNA 0417 1643 00')).toBe('stuur naar [NUMBER]');
    expect(scrub('mijn code is 48213977')).toBe('mijn code is [NUMBER]');
    expect(scrub('ik ben geboren op 12-03-2011')).toBe('ik ben geboren op [DATE]');
    expect(scrub('geboren 3 mei 2010 in utrecht')).toBe('geboren [DATE] in utrecht');
  });
});

describe('e-mail addresses, web addresses and handles', () => {
  test.for([
    ['mail me: sanne.devries2009@gmail.com', 'mail me: [EMAIL]'],
    ['zijn mail is Jan_Jansen@Hotmail.NL.', 'zijn mail is [EMAIL].'],
    ['stuur naar sanne [at] live.nl', 'stuur naar [EMAIL]'],
    ['mijn mail is sanne at gmail punt com', 'mijn mail is [EMAIL]'],
  ] as const)('%s', ([input, expected]) => {
    expect(scrub(input)).toBe(expected);
  });

  test.for([
    ['kijk op https://www.instagram.com/sanne_2009/?hl=nl', 'kijk op [URL]'],
    ['http://192.168.1.20:8080/foto.jpg is mijn foto', '[URL] is mijn foto'],
    ['kijk op www.fotosvanmij.nl', 'kijk op [URL]'],
    ['hij stuurde instagram.com/lisa.xo', 'hij stuurde [URL]'],
    ['de link is bit.ly/3abcD en t.me/sannetje', 'de link is [URL] en [URL]'],
    ['het staat op snapchat.com.', 'het staat op [URL].'],
  ] as const)('%s', ([input, expected]) => {
    expect(scrub(input)).toBe(expected);
  });

  test.for([
    ['hij heet @jayden.x op insta', 'hij heet [HANDLE] op insta'],
    ['(@lisa_2009) stuurde het', '([HANDLE]) stuurde het'],
    ['mijn snap is sannetje2009', 'mijn snap is [HANDLE]'],
    ['zijn snap is xxjaydenxx', 'zijn snap is [HANDLE]'],
    ['account: lisa_xo', 'account: [HANDLE]'],
  ] as const)('%s', ([input, expected]) => {
    expect(scrub(input)).toBe(expected);
  });

  test('platform names and plain words after "insta is" stay', () => {
    expect(scrub('mijn insta is privé')).toBe('mijn insta is privé');
    expect(scrub('hij zit op Snapchat en Instagram')).toBe('hij zit op Snapchat en Instagram');
  });
});

describe('names', () => {
  test.for([
    ['ik ben Sanne', 'ik ben [NAME]'],
    ['ik ben sanne en ik ben 14', 'ik ben [NAME] en ik ben 14'],
    ['Hoi ik ben Noor.', 'Hoi ik ben [NAME].'],
    ['ik heet Daan', 'ik heet [NAME]'],
    ['ik heet ayoub', 'ik heet [NAME]'],
    ['hij heet Mohammed El Amrani en hij is 19', 'hij heet [NAME] en hij is 19'],
    ['hij heet mohammed el amrani', 'hij heet [NAME]'],
    ['mijn naam is Jan de Vries', 'mijn naam is [NAME]'],
    ['mijn naam is jan de vries', 'mijn naam is [NAME]'],
    ['mn naam is Fatima Ait Taleb', 'mn naam is [NAME]'],
    ['Sophie stuurde me een foto', '[NAME] stuurde me een foto'],
    ['sophie stuurde me een foto', '[NAME] stuurde me een foto'],
    ['Gisteren stuurde Sophie me een foto', 'Gisteren stuurde [NAME] me een foto'],
    ['ik chat met Kevin van der Berg', 'ik chat met [NAME]'],
    ['een jongen genaamd Rayan vroeg om fotos', 'een jongen genaamd [NAME] vroeg om fotos'],
    ['mijn vriend heet tarik', 'mijn vriend heet [NAME]'],
    ['Emre zei dat hij het doorstuurt', '[NAME] zei dat hij het doorstuurt'],
    ['hij zei: "Kom naar de Albert Heijn"', 'hij zei: "Kom naar de [NAME]"'],
    ['IK BEN SANNE HELP', 'IK BEN [NAME] HELP'],
  ] as const)('%s', ([input, expected]) => {
    expect(scrub(input)).toBe(expected);
  });

  test('what only looks like a name stays: "ik ben bang", "het is heet", words at the start of a sentence', () => {
    for (const s of [
      'ik ben bang dat hij het doorstuurt',
      'ik ben 15 jaar',
      'ik ben een jongen',
      'Hij dreigt mijn foto te delen',
      'Ik heb al betaald. Wat moet ik nu doen?',
      'het is heet vandaag',
      'HIJ DREIGT MIJN FOTOS TE DELEN',
      'Help ik weet het niet meer',
    ]) {
      expect(scrub(s)).toBe(s);
    }
  });

  test('the first-name list holds no word the bot knows', () => {
    expect(FIRST_NAMES.filter((n) => vocabulary.has(n))).toEqual([]);
    expect(FIRST_NAMES.filter((n) => ['ben', 'roos', 'max', 'lot', 'bas', 'can', 'said', 'heet', 'mees'].includes(n))).toEqual([]);
  });
});

describe('addresses', () => {
  test.for([
    ['ik woon op de Kerkstraat 12', 'ik woon op de [ADDRESS]'],
    ['hij woont op dorpsweg 3a in zwolle', 'hij woont op [ADDRESS] in zwolle'],
    ['kom naar Stationsplein 1-3', 'kom naar [ADDRESS]'],
    ['Vondelstraat 112 hoog', '[ADDRESS] hoog'],
    ['mijn postcode is 1234 AB', 'mijn postcode is [POSTCODE]'],
    ['postcode 3511ab', 'postcode [POSTCODE]'],
  ] as const)('%s', ([input, expected]) => {
    expect(scrub(input)).toBe(expected);
  });

  test('"Laan van Meerdervoort 45": the street name goes (the house number alone says little)', () => {
    expect(scrub('ik woon aan de Laan van Meerdervoort 45')).not.toMatch(/Laan|Meerdervoort/);
  });
});

describe('a realistic message', () => {
  const raw =
    'hoi ik ben Lisa (15) en een jongen genaamd Mohammed El Amrani uit Rotterdam dreigt mijn fotos te sturen naar mijn moeder. ' +
    'zijn snap is mo_2007 en zijn nummer is +31 6 98765432. hij wil dat ik 100 euro stuur naar NL02RABO0123456789. ' +
    'mail hem op mo.elamrani@hotmail.com of kijk op https://www.instagram.com/mo.elamrani ik woon op de Kerkstraat 12, 1234 AB';
  const out = scrub(raw);

  test('no personal detail survives', () => {
    for (const secret of ['Lisa', 'Mohammed', 'Amrani', 'Rotterdam', 'mo_2007', '98765432', 'NL02', 'RABO', 'elamrani', 'hotmail', 'instagram', 'Kerkstraat', '1234 AB']) {
      expect(out).not.toContain(secret);
    }
  });

  test('what helps a worker add examples stays', () => {
    expect(out).toContain('dreigt mijn fotos te sturen naar mijn moeder');
    expect(out).toContain('100 euro');
    expect(out.length).toBeLessThanOrEqual(MAX_SCRUBBED_LENGTH);
  });

  test('runs of tags collapse; invisible characters go; long texts are cut', () => {
    expect(scrub('Jan Piet Klaas')).toBe('[NAME]');
    expect(scrub('ik\u200b ben\u202e Sanne')).toBe('ik ben [NAME]');
    expect([...scrub('heel '.repeat(200))].length).toBeLessThanOrEqual(MAX_SCRUBBED_LENGTH);
  });

  test('the private-use marks the scrubber uses cannot be smuggled in', () => {
    expect(scrub('hoi \uE010 \uE011 doei')).toBe('hoi doei');
  });
});
