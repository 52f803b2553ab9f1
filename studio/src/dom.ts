/**
 * A tiny DOM builder and the page's texts. Text only ever becomes a text node and attributes are
 * set one by one: there is no innerHTML in the studio, whatever the server or content says.
 * The Dutch texts live in the page (#strings), not in this code.
 */

// The element builder is the widget's: one place that turns text into text nodes only.
export { append, h } from '../../widget/src/dom.js';

export function clear(el: Node): void {
  while (el.firstChild) el.removeChild(el.firstChild);
}

/** The element with this id, or a clear error (the page and the script belong together). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error('studio page: missing #' + id);
  return el as T;
}

const texts = new Map<string, string>();

/** A text from the page's #strings, with {name} filled in. */
export function t(key: string, values: Record<string, string | number> = {}): string {
  if (texts.size === 0) {
    document.querySelectorAll<HTMLElement>('#strings [data-s]').forEach((el) => texts.set(el.dataset.s ?? '', (el.textContent ?? '').trim()));
  }
  const raw = texts.get(key) ?? key;
  return raw.replace(/\{(\w+)\}/g, (m, name: string) => (name in values ? String(values[name]) : m));
}

/** Sets a status line; `tone` colours it. */
export function status(el: HTMLElement, text: string, tone: 'good' | 'bad' | '' = ''): void {
  el.textContent = text;
  el.classList.toggle('good', tone === 'good');
  el.classList.toggle('bad', tone === 'bad');
}

export const num = (x: number, digits = 2): string => x.toFixed(digits).replace('.', ',');
export const pct = (x: number): string => (x * 100).toFixed(1).replace('.', ',') + '%';
