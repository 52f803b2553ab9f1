/**
 * A tiny DOM builder. Text only ever becomes a text node and attributes are set one by one, so
 * nothing a user or the server sends can turn into markup: there is no innerHTML in the widget.
 */

type Child = Node | string | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string | boolean | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const name of Object.keys(attrs)) {
    const v = attrs[name];
    if (v === undefined || v === false) continue;
    el.setAttribute(name, v === true ? '' : v);
  }
  append(el, ...children);
  return el;
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
}

/** A tel: URL from a written phone number: digits only (and a leading +), 3 to 15 digits. */
export function telHref(phone: string | undefined): string | undefined {
  if (!phone) return undefined;
  const plus = phone.trim().charAt(0) === '+' ? '+' : '';
  const digits = phone.replace(/\D/g, '');
  return digits.length >= 3 && digits.length <= 15 ? 'tel:' + plus + digits : undefined;
}

/** An https: URL without credentials, or nothing: no javascript:, data:, http: or relative links. */
export function httpsHref(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' && !u.username && !u.password ? u.href : undefined;
  } catch {
    return undefined;
  }
}

let counter = 0;
/** Unique ids inside the shadow root (for aria-labelledby). */
export function uid(prefix: string): string {
  counter += 1;
  return 'vh-' + prefix + '-' + counter;
}
