/**
 * The embedding site configures the widget with data-* attributes on its script tag. Everything
 * is validated: a bad value falls back to the default instead of reaching the DOM or a URL.
 */

export interface WidgetOptions {
  /** Origin of the chat service (where widget.js came from): the API and the WebSocket live there. */
  base: string;
  /** Text overrides for the panel title and the launcher (data-title / data-lang-title, data-lang-launcher). */
  title?: string;
  launcher?: string;
  /** Accent colour, a validated #rgb or #rrggbb. */
  color: string;
  position: 'left' | 'right';
  /** Open the panel at load (data-open). */
  open: boolean;
  /** Full-page layout for /embed (data-layout="page"): no launcher, no close button. */
  page: boolean;
  /** Where "Snel weg" goes: an https URL (http only on this machine, for development). */
  exitUrl: string;
}

export const DEFAULT_COLOR = '#4a2574';
export const DEFAULT_EXIT_URL = 'https://www.google.nl/';
const MAX_OVERRIDE = 40;

/** #rgb or #rrggbb, normalised to #rrggbb; anything else is refused. */
export function parseColor(value: string | undefined): string | undefined {
  const v = (value || '').trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (/^#[0-9a-f]{3}$/.test(v)) return '#' + v.slice(1).split('').map((c) => c + c).join('');
  return undefined;
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

/** An absolute https URL without credentials; plain http only for a loopback host (development, tests). */
export function parseExitUrl(value: string | undefined): string | undefined {
  if (!value) return undefined;
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return undefined;
  }
  if (url.username || url.password) return undefined;
  if (url.protocol === 'https:' || (url.protocol === 'http:' && LOOPBACK.indexOf(url.hostname) >= 0)) return url.href;
  return undefined;
}

function override(value: string | undefined): string | undefined {
  const v = (value || '').replace(/\s+/g, ' ').trim();
  return v ? v.slice(0, MAX_OVERRIDE) : undefined;
}

function flag(value: string | undefined): boolean {
  return value !== undefined && value !== 'false' && value !== '0';
}

export function readOptions(script: HTMLScriptElement | null, pageHref: string): WidgetOptions {
  const d = script ? script.dataset : ({} as DOMStringMap);
  let base: string;
  try {
    base = new URL(script && script.src ? script.src : pageHref, pageHref).origin;
  } catch {
    base = new URL(pageHref).origin;
  }
  const opts: WidgetOptions = {
    base,
    color: parseColor(d.color) || DEFAULT_COLOR,
    position: d.position === 'left' ? 'left' : 'right',
    open: flag(d.open),
    page: d.layout === 'page',
    exitUrl: parseExitUrl(d.exitUrl) || DEFAULT_EXIT_URL,
  };
  const title = override(d.langTitle) || override(d.title);
  const launcher = override(d.langLauncher);
  if (title) opts.title = title;
  if (launcher) opts.launcher = launcher;
  return opts;
}

/** WCAG relative luminance of a #rrggbb colour. */
function luminance(hex: string): number {
  const ch = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
  });
  return 0.2126 * ch[0]! + 0.7152 * ch[1]! + 0.0722 * ch[2]!;
}

export function contrast(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * Colours derived from the accent so text stays AA (4.5:1) whatever a site picks: the text on
 * the accent is white or black (one of the two always reaches 4.5:1), and the accent is only used
 * as a text colour on white when it is dark enough.
 */
export function palette(accent: string): { accent: string; onAccent: string; ink: string } {
  const onAccent = contrast(accent, '#ffffff') >= contrast(accent, '#000000') ? '#ffffff' : '#000000';
  const ink = contrast(accent, '#ffffff') >= 4.5 ? accent : '#1a1a1a';
  return { accent, onAccent, ink };
}
