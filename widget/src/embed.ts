/**
 * Entry of widget.js: `<script src="https://HOST/widget.js" defer></script>`. Finds its own script
 * tag (for the service's origin and the data-* options), fetches the Dutch texts from the service
 * and mounts the chat once per page. Nothing is stored on the device.
 */
import { readOptions, type WidgetOptions } from './config.js';
import { TEXT_KEYS, type Texts } from './types.js';
import { mount } from './ui.js';

const MARK = 'vertel-het-chat';

function ownScript(): HTMLScriptElement | null {
  const current = document.currentScript;
  if (current instanceof HTMLScriptElement) return current;
  // Loaded in an unusual way (a module wrapper, a tag manager): look for the tag itself.
  const all = document.querySelectorAll<HTMLScriptElement>('script[src*="/widget.js"]');
  return all.length ? all[all.length - 1]! : null;
}

async function loadTexts(base: string): Promise<Texts> {
  const res = await fetch(base + '/widget/texts.json', { mode: 'cors', credentials: 'omit', referrerPolicy: 'no-referrer' });
  if (!res.ok) throw new Error('texts: ' + res.status);
  const data = (await res.json()) as Record<string, unknown>;
  const texts = {} as Texts;
  for (const key of TEXT_KEYS) {
    const v = data[key];
    if (typeof v !== 'string') throw new Error('texts: missing ' + key);
    texts[key] = v;
  }
  return texts;
}

function whenBody(fn: () => void): void {
  if (document.body) fn();
  else document.addEventListener('DOMContentLoaded', fn, { once: true });
}

async function boot(opts: WidgetOptions): Promise<void> {
  // Without its texts the widget has nothing to say (all words come from the service): retry a few times.
  let texts: Texts | undefined;
  for (let attempt = 0; !texts; attempt++) {
    try {
      texts = await loadTexts(opts.base);
    } catch (err) {
      if (attempt >= 4) throw err;
      await new Promise((r) => setTimeout(r, 1000 * Math.pow(2, attempt)));
    }
  }
  const ready = texts;
  whenBody(() => {
    if (document.querySelector(MARK)) return;
    const chat = mount(ready, opts);
    if (opts.open || opts.page) chat.open(false);
  });
}

if (!document.querySelector(MARK)) {
  const opts = readOptions(ownScript(), location.href);
  boot(opts).catch(() => {
    /* the service cannot be reached: no chat button rather than a broken one */
  });
}
