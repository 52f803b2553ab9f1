/**
 * Scrubbing a message the bot did not understand, before the studio may keep it
 * (STUDIO_COLLECT_MISSES=1). Privacy first: when in doubt a word is removed. What goes:
 *   - web addresses (with or without https://, www. or a path), e-mail addresses (also "[at]"),
 *     @handles and user names that mix letters with digits or "_" ("sanne_2009");
 *   - phone numbers in every Dutch way of writing them (06-12345678, +31 6 …, 0031, (020) …),
 *     other numbers of 6+ digits, IBANs, dates ("12-03-2009", "3 mei 2010"), postcodes and
 *     street + house number ("Kerkstraat 12");
 *   - names: capitalised words that do not start a sentence, capitalised words that start one but
 *     are no word the bot knows ("Sophie stuurde me"), the words after "ik ben" (unless a known
 *     word: "ik ben bang" stays), "ik heet", "hij heet", "mijn naam is" and "genaamd", with the
 *     rest of the name ("Jan de Vries", "Mohammed El Amrani"), and frequent first names in any case.
 * What is removed becomes a tag: [NAME], [PHONE], [NUMBER], [EMAIL], [URL], [HANDLE], [ADDRESS],
 * [POSTCODE], [DATE]. The result is at most MAX_SCRUBBED_LENGTH characters.
 */
import type { Content } from '../content/load.js';
import { sanitize } from '../nlu/normalize.js';
import { FIRST_NAMES } from './first-names.js';

export const TAGS = ['NAME', 'PHONE', 'NUMBER', 'EMAIL', 'URL', 'HANDLE', 'ADDRESS', 'POSTCODE', 'DATE'] as const;
export type Tag = (typeof TAGS)[number];
export const MAX_SCRUBBED_LENGTH = 300;

/** One private-use character per tag while scrubbing, so later passes never read a tag as a word. */
const mark = (tag: Tag): string => String.fromCharCode(0xe010 + TAGS.indexOf(tag));
const MARKS = new RegExp(`[\\u{E010}-\\u{E0${(0x10 + TAGS.length - 1).toString(16)}}]`, 'u');

export const fold = (w: string): string => w.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

const TLDS =
  'nl|be|com|org|net|eu|de|uk|fr|es|it|io|me|tv|app|info|co|ly|gg|gl|gd|xyz|online|site|shop|biz|to|cc|ru|link|club|live|store|top|ai|dev|page|ws|su|ch|at|pl|tr|ma|sr|cw|aw|us|ca|au|in|onion|tk|ml|ga|cf|gq|is|am|fm|lol|vip|pro|blog|one|world|cam|chat|social|news|tech|space|website|porn|sex|xxx|webcam|dating|adult|sx|bz|nu|se|dk|no|fi';
const MONTHS = 'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|mrt|apr|jun|jul|aug|sep|sept|okt|nov|dec';
const STREET_SUFFIX = 'straat|laan|weg|plein|gracht|kade|singel|dijk|dreef|hof|pad|steeg|park|markt|baan|allee|boulevard|wal|erf|haven|ring|veld|weide|hoeve|kamp|oord|polder|burg|straatweg|pleintje|hofje|gang';

interface Pass {
  re: RegExp;
  tag: Tag | ((match: string) => Tag);
  /** Keep a leading group (the character before a handle). */
  keepLead?: boolean;
}

const PASSES: Pass[] = [
  { re: /\b(?:https?|ftp):\/\/[^\s<>"]+/giu, tag: 'URL' },
  { re: /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/giu, tag: 'EMAIL' },
  { re: /[\p{L}\p{N}._%+-]+\s?(?:\[at\]|\(at\)|\{at\}|\[@\]|\(@\))\s?[\p{L}\p{N}.-]+/giu, tag: 'EMAIL' },
  {
    re: /[\p{L}\p{N}._%+-]+\s+(?:at|apenstaartje)\s+(?:gmail|hotmail|outlook|live|icloud|yahoo|ziggo|kpn|kpnmail|home|msn|proton|protonmail|planet|xs4all)\b(?:\s*(?:punt|dot|\.)\s*[a-z]{2,4}\b)?/giu,
    tag: 'EMAIL',
  },
  { re: /\bwww\.[^\s<>"]+/giu, tag: 'URL' },
  { re: new RegExp(`(?<![\\p{L}\\p{N}@._-])(?:[\\p{L}\\p{N}][\\p{L}\\p{N}_-]*\\.)+(?:${TLDS})(?![\\p{L}\\p{N}_-])(?:[/?#][^\\s<>"]*)?`, 'giu'), tag: 'URL' },
  { re: /(^|[^\p{L}\p{N}_])@[\p{L}\p{N}_.]*[\p{L}\p{N}_]/gu, tag: 'HANDLE', keepLead: true },
  { re: /\b[A-Z]{2}\d{2}\s?[A-Z]{4}(?:\s?\d){10}\b/giu, tag: 'NUMBER' },
  { re: /(?<![\p{N}/.-])(?:0?[1-9]|[12]\d|3[01])([-/.])(?:0?[1-9]|1[0-2])\1(?:19|20)?\d{2}(?!\p{N}|[-/.]\p{N})/gu, tag: 'DATE' },
  { re: new RegExp(`(?<![\\p{L}\\p{N}])(?:0?[1-9]|[12]\\d|3[01])\\s+(?:${MONTHS})\\.?\\s+(?:19|20)\\d{2}(?!\\p{N})`, 'giu'), tag: 'DATE' },
  {
    re: /(?<![\p{L}\p{N}+])(?:\+|00)?\(?\d(?:[ \-./()]{0,3}\d){5,}\)?(?![\p{L}\p{N}])/gu,
    tag: (m) => (/^\s*(?:\+|00|0|\()/.test(m) ? 'PHONE' : 'NUMBER'),
  },
  { re: /(?<![\p{L}\p{N}])[1-9]\d{3}\s?[A-Z]{2}(?![\p{L}\p{N}])/gu, tag: 'POSTCODE' },
  { re: /(?<![\p{L}\p{N}])[1-9]\d{3}(?!km|kg|mb|gb|cm|mm|ml)[a-z]{2}(?![\p{L}\p{N}])/gu, tag: 'POSTCODE' },
  {
    re: new RegExp(`(?<![\\p{L}])[\\p{L}][\\p{L}'-]*(?:${STREET_SUFFIX})\\s+\\d{1,5}(?:\\s?[a-zA-Z](?![\\p{L}]))?(?:\\s?-\\s?\\d{1,4})?(?![\\p{N}])`, 'giu'),
    tag: 'ADDRESS',
  },
];

/** Words that may be capitalised without being a name (platforms, organisations, days, family). */
const ALLOWED_CAPITALISED = new Set(
  (
    'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag januari februari maart april mei juni juli augustus september oktober november december ' +
    'snapchat snap instagram insta tiktok whatsapp app telegram discord facebook messenger youtube twitter roblox fortnite minecraft tinder omegle onlyfans ' +
    'google iphone android apple samsung netflix twitch reddit signal skype teams zoom kik grindr bumble badoo hyves pinterest threads ' +
    'politie kindertelefoon helpwanted fier veilig thuis chat nederland nederlands engels english turks arabisch marokkaans ' +
    'mama papa mam pap moeder vader oma opa broer zus juf meester mentor begeleider pb pm ok oke lol omg wtf btw dm sms help iban'
  ).split(' '),
);

/** Frequent Dutch function words and chat words: never a name, even when capitalised. */
const FUNCTION_WORDS = new Set(
  (
    'ik je jij u hij zij ze wij we jullie mij me mijn m\'n mn jouw jou zijn z\'n haar hem ons onze hun het de een en of maar want dus als dan dat die dit deze ' +
    'wat wie waar hoe waarom wanneer welke welk niet geen wel ook nog al er hier daar is ben bent was waren heb hebt heeft had hadden kan kun kunt kon ' +
    'wil wilt wou moet moest mag mocht zal zou ga gaat ging doe doet deed in op aan met van voor bij naar over uit om tot door tegen zonder na onder ' +
    'ja nee neen hoi hey hee hallo hai hoii doei dag oke ok oké pls please sorry dank bedankt thanks echt heel erg zo te toen nu straks gisteren vandaag ' +
    'morgen alles iets niks niets iemand niemand want omdat hoezo help wtf lol omg nou oh ohh ah eh ehm hmm mam pap hee yo yoo'
  ).split(' '),
);

/** Words between parts of a name: "Jan de Vries", "Mohammed El Amrani", "Laan van Meerdervoort". */
const PARTICLES = new Set("van de der den het 't ter ten te la le du da di del von el al ben bin ibn abu op in".split(' '));

const STRONG_TRIGGERS: string[][] = [
  ['naam', 'is'], ['naam', 'was'], ['naam'], ['genaamd'], ['noemt', 'zich'], ['noemde', 'zich'], ['noem', 'me'], ['noem', 'mij'],
  ['heet', 'hij'], ['heet', 'ze'], ['heet', 'zij'], ['heette', 'hij'], ['heette', 'ze'], ['heette'],
];
/** "heet" is also "hot": not a name after "is heet", "te heet", "zo heet". */
const HEET_NOT_AFTER = new Set(['is', 'was', 'te', 'zo', 'erg', 'heel', 'best', 'echt', 'super', 'niet', 'wordt', 'werd', 'het', 'lekker']);
const WEAK_TRIGGERS: string[][] = [['ik', 'ben'], ['k', 'ben'], ['dit', 'is'], ['ben', 'ik']];
const ACCOUNT_WORDS = new Set('snap snapchat insta instagram tiktok telegram discord account accountnaam gebruikersnaam username user nick nickname roblox fortnite'.split(' '));
const ACCOUNT_LINKS = new Set(['is', 'heet', '=', ':', 'was']);

const WORD = /[\p{L}\p{N}_][\p{L}\p{N}_'’.-]*/gu;
const SENTENCE_BREAK = /[.!?…\n\r:"“”«»]/;

interface Word {
  start: number;
  end: number;
  text: string;
  folded: string;
  sentenceStart: boolean;
  mark?: Tag;
}

/** Words the bot knows in lower case: from intents, the lexicon and what the flows say. */
export function vocabularyFrom(content: Pick<Content, 'intents' | 'flows' | 'lexicon' | 'texts'>): Set<string> {
  const vocab = new Set<string>();
  const add = (text: string) => {
    for (const m of text.matchAll(/[\p{L}][\p{L}'’-]*/gu)) {
      const w = m[0];
      if (w === w.toLowerCase()) vocab.add(fold(w));
    }
  };
  for (const intent of content.intents.values()) intent.examples.forEach(add);
  for (const [k, v] of Object.entries(content.lexicon.spelling.map)) {
    add(k);
    add(v);
  }
  for (const [k, list] of Object.entries(content.lexicon.synonyms.groups)) {
    add(k);
    list.forEach(add);
  }
  const addMessage = (m: string | { variants: string[] } | undefined) => {
    if (m === undefined) return;
    if (typeof m === 'string') add(m);
    else m.variants.forEach(add);
  };
  for (const flow of content.flows.values()) {
    for (const step of Object.values(flow.steps)) {
      step.say.forEach(addMessage);
      addMessage(step.ask);
      addMessage(step.reprompt);
      step.choices?.forEach((c) => add(c.label));
    }
  }
  [...content.texts.yesWords, ...content.texts.noWords, ...content.texts.unknownWords].forEach(add);
  for (const name of FIRST_NAMES) vocab.delete(name);
  return vocab;
}

export class Scrubber {
  private readonly names = new Set(FIRST_NAMES);

  constructor(private readonly vocabulary: ReadonlySet<string> = new Set()) {}

  scrub(input: string): string {
    let text = sanitize(input).normalize('NFC').replace(/[\uE000-\uF8FF]/g, ' ');
    for (const pass of PASSES) {
      text = text.replace(pass.re, (...args: unknown[]) => {
        const match = args[0] as string;
        const lead = pass.keepLead ? ((args[1] as string | undefined) ?? '') : '';
        const body = match.slice(lead.length);
        // Sentence punctuation right after an address is not part of it.
        const trail = /[.,!?;:)]+$/.exec(body)?.[0] ?? '';
        const core = trail ? body.slice(0, -trail.length) : body;
        const tag = typeof pass.tag === 'function' ? pass.tag(core) : pass.tag;
        return `${lead}${mark(tag)}${trail}`;
      });
    }
    const words = this.words(text);
    this.markNames(words, text);
    let out = '';
    let at = 0;
    for (const w of words) {
      if (!w.mark) continue;
      out += text.slice(at, w.start) + mark(w.mark);
      at = w.end;
    }
    out += text.slice(at);
    // "[NAME] [NAME]" says no more than "[NAME]"; then the marks become readable tags.
    out = out.replace(/([\uE010-\uE01F])(?:[\s,]*\1)+/gu, '$1');
    out = out.replace(/[\uE010-\uE01F]/gu, (c) => `[${TAGS[c.charCodeAt(0) - 0xe010]}]`);
    out = out.replace(/\s+/g, ' ').trim();
    const chars = [...out];
    return chars.length > MAX_SCRUBBED_LENGTH ? `${chars.slice(0, MAX_SCRUBBED_LENGTH - 1).join('')}…` : out;
  }

  private words(text: string): Word[] {
    const words: Word[] = [];
    let prevEnd = 0;
    let first = true;
    // Marks count as words for "start of a sentence".
    const items = [...text.matchAll(new RegExp(`${WORD.source}|${MARKS.source}`, 'gu'))];
    for (const m of items) {
      let raw = m[0];
      const start = m.index;
      if (MARKS.test(raw)) {
        prevEnd = start + raw.length;
        first = false;
        continue;
      }
      raw = raw.replace(/[.'’-]+$/u, '');
      const gap = text.slice(prevEnd, start);
      words.push({ start, end: start + raw.length, text: raw, folded: fold(raw), sentenceStart: first || SENTENCE_BREAK.test(gap) });
      prevEnd = start + raw.length;
      first = false;
    }
    return words;
  }

  private known(w: Word): boolean {
    return /^\p{N}/u.test(w.text) || FUNCTION_WORDS.has(w.folded) || this.vocabulary.has(w.folded);
  }

  private markNames(words: Word[], text: string): void {
    const letters = text.replace(/[^\p{L}]/gu, '');
    const upper = letters.replace(/[^\p{Lu}]/gu, '').length;
    const shouted = letters.length >= 8 && upper / letters.length > 0.5;
    const title = (w: Word) => /^\p{Lu}(?:\p{Ll}|$|[\p{Lu}](?=\p{Ll}))/u.test(w.text) && !/^\p{Lu}{2,}$/u.test(w.text);
    const allCaps = (w: Word) => /^\p{Lu}{2,}$/u.test(w.text);
    const capitalised = (w: Word) => title(w) || (allCaps(w) && !shouted && !this.known(w));
    const allowed = (w: Word) => ALLOWED_CAPITALISED.has(w.folded) || FUNCTION_WORDS.has(w.folded);
    const nameLike = (w: Word) => capitalised(w) && !allowed(w);
    const isNumber = (w: Word) => /^\p{N}+$/u.test(w.text);

    // A name continues over capitalised words and particles before one ("de Vries", "El Amrani").
    const extend = (from: number, lowerToo: boolean) => {
      let i = from + 1;
      while (i < words.length) {
        const w = words[i]!;
        if (w.sentenceStart) return;
        if (nameLike(w) || (lowerToo && !this.known(w) && !isNumber(w) && !PARTICLES.has(w.folded))) {
          w.mark = 'NAME';
          i++;
          continue;
        }
        let j = i;
        while (j < words.length && PARTICLES.has(words[j]!.folded) && !words[j]!.sentenceStart) j++;
        const after = words[j];
        if (j > i && after && !after.sentenceStart && (nameLike(after) || (lowerToo && !this.known(after) && !isNumber(after)))) {
          for (let k = i; k <= j; k++) words[k]!.mark = 'NAME';
          i = j + 1;
          continue;
        }
        return;
      }
    };
    const follows = (i: number, phrase: string[]) =>
      i >= phrase.length && phrase.every((p, k) => words[i - phrase.length + k]!.folded === p) && !words[i]!.sentenceStart;

    for (let i = 0; i < words.length; i++) {
      const w = words[i]!;
      if (w.mark) continue;
      // User names that mix letters with digits or "_": "sanne_2009", "jan123", "xx.lisa.xx".
      if (/^(?=.*\p{L})(?=.*[\p{N}_])[\p{L}\p{N}_.-]{3,}$/u.test(w.text) && !/^\p{N}+\p{L}{1,5}$/u.test(w.text) && !/^\p{L}{1,3}\p{N}{1,2}$/u.test(w.text)) {
        w.mark = 'HANDLE';
        continue;
      }
      const prev = words[i - 1];
      const strong =
        STRONG_TRIGGERS.some((t) => follows(i, t)) ||
        (prev?.folded === 'heet' && !w.sentenceStart && !HEET_NOT_AFTER.has(words[i - 2]?.folded ?? ''));
      if (strong && !isNumber(w) && !PARTICLES.has(w.folded) && !FUNCTION_WORDS.has(w.folded)) {
        w.mark = 'NAME';
        extend(i, true);
        continue;
      }
      // "mijn snap is sannetje", "insta: lisa.xo"
      if (prev && !w.sentenceStart && !this.known(w) && !isNumber(w)) {
        const before = words[i - 2];
        if (ACCOUNT_WORDS.has(prev.folded) || (ACCOUNT_LINKS.has(prev.folded) && before && ACCOUNT_WORDS.has(before.folded))) {
          w.mark = 'HANDLE';
          continue;
        }
      }
      const weak = WEAK_TRIGGERS.some((t) => follows(i, t));
      if (weak && (capitalised(w) || this.names.has(w.folded) || (!this.known(w) && !isNumber(w))) && !allowed(w)) {
        w.mark = 'NAME';
        extend(i, true);
        continue;
      }
      if (this.names.has(w.folded) && !FUNCTION_WORDS.has(w.folded)) {
        w.mark = 'NAME';
        extend(i, false);
        continue;
      }
      if (capitalised(w) && !allowed(w) && (!w.sentenceStart || !this.known(w))) {
        w.mark = 'NAME';
        extend(i, false);
      }
    }
    // Particles between two name parts go too.
    for (let i = 1; i < words.length - 1; i++) {
      if (words[i]!.mark || !PARTICLES.has(words[i]!.folded)) continue;
      let j = i;
      while (j < words.length && PARTICLES.has(words[j]!.folded) && !words[j]!.mark) j++;
      if (words[i - 1]!.mark === 'NAME' && words[j]?.mark === 'NAME' && !words[j]!.sentenceStart) for (let k = i; k < j; k++) words[k]!.mark = 'NAME';
    }
  }
}
