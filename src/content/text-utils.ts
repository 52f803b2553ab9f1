/** Lower case, no diacritics, no punctuation, single spaces: for comparing texts, not for NLU. */
export function foldForComparison(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
