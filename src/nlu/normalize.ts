/**
 * The Dutch normaliser: turns what a young person types at night into comparable text.
 * Lower case, diacritics folded (NFD), "heeeelp" shortened, punctuation to spaces, digits kept,
 * sentence ends kept as "." so several sentences can be weighed apart, apostrophes kept inside
 * words ("m'n", "foto's") for the lexicon.
 */

// Zero-width and bidi controls, C0/C1 controls (not tab/newline), lone surrogates.
// eslint-disable-next-line no-control-regex -- removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const APOSTROPHES = /[\u2018\u2019\u201A\u201B\u02BC\u0060\u00B4\u2032]/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/g;
const EMAIL = /\b[^\s@]+@[^\s@]+\.[a-z]{2,}\b/g;
const HANDLE = /(^|\s)@[\p{L}\p{N}_.]+/gu;
const SENTENCE_END = /[.!?;\n\r]+/g;
const NOT_WORD = /[^\p{L}\p{N}'.\s]+/gu;
// Three or more of the same letter: "heeeelp" -> "heelp"; the lexicon step may shorten further.
const REPEATS = /(\p{L})\1{2,}/gu;

/** Removes what never carries meaning and may break later steps (controls, invalid UTF-16). */
export function sanitize(text: string): string {
  return text.replace(LONE_SURROGATE, '').replace(INVISIBLE, '');
}

// Tab, new lines and printable ASCII: nothing for the Unicode steps to do.
// eslint-disable-next-line no-control-regex
const ASCII = /^[\x09\x0a\x0d\x20-\x7e]*$/;

// The same steps for ASCII text, without Unicode classes (most messages: several times faster).
const REPEATS_ASCII = /([a-z])\1{2,}/g;
const NOT_WORD_ASCII = /[^a-z0-9'.\s]+/g;
const LOOSE_APOSTROPHE = /'(?![\p{L}\p{N}])/gu;
const LOOSE_APOSTROPHE_ASCII = /'(?![a-z0-9])/g;

export function normalize(text: string): string {
  // Most messages are plain ASCII: the Unicode steps only run when they can change something.
  let t = ASCII.test(text) ? text : sanitize(text).normalize('NFKC').replace(APOSTROPHES, "'");
  if (t.includes('@') || t.includes('www.') || t.includes('://')) t = t.replace(URL, ' ').replace(EMAIL, ' ').replace(HANDLE, '$1 ');
  const ascii = ASCII.test(t);
  t = ascii ? t.toLowerCase() : t.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();
  t = t.replace(ascii ? REPEATS_ASCII : REPEATS, '$1$1');
  // Decimal points and times ("20.00", "10:30") are not sentence ends.
  if (/\d/.test(t)) t = t.replace(/(\d)[.,:](\d)/g, '$1$2');
  t = t.replace(SENTENCE_END, ' . ');
  t = t.replace(ascii ? NOT_WORD_ASCII : NOT_WORD, ' ');
  // Apostrophes only inside or at the start of a word ('k, 't, m'n, foto's); the analyser drops
  // a leading one the lexicon does not know ('hallo' in quotes).
  if (t.includes("'")) t = t.replace(ascii ? LOOSE_APOSTROPHE_ASCII : LOOSE_APOSTROPHE, ' ');
  return t.replace(/\s+/g, ' ').trim();
}

/** Splits normalised text into sentences of tokens. Empty sentences are dropped. */
export function tokenize(normalized: string): string[][] {
  const out: string[][] = [];
  let current: string[] = [];
  for (const raw of normalized.split(' ')) {
    if (raw === '') continue;
    if (raw.charCodeAt(0) === 46 /* . */ && /^\.+$/.test(raw)) {
      if (current.length) out.push(current);
      current = [];
      continue;
    }
    const token = raw.includes('.') ? raw.replace(/^\.+|\.+$/g, '') : raw;
    if (token) current.push(token);
  }
  if (current.length) out.push(current);
  return out;
}
