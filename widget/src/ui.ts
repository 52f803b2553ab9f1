/**
 * The chat itself: a launcher button and a panel inside a shadow root (or the panel alone, full
 * page, for /embed), a light-DOM aria-live region that announces replies, and "Snel weg".
 * Every text comes from the server's content (texts.json); every node is built with h().
 */
import { ChatClient, type Status } from './client.js';
import { palette, type WidgetOptions } from './config.js';
import { h, httpsHref, telHref, uid } from './dom.js';
import { widgetCss } from './styles.js';
import type { Reply, Texts } from './types.js';

const MAX_TEXT = 1000;
const TYPING_DELAY_MS = 150;
const SVG = 'http://www.w3.org/2000/svg';

export interface Mounted {
  host: HTMLElement;
  open(focus: boolean): void;
}

function applyStyles(root: ShadowRoot, css: string): void {
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet !== 'undefined' && 'replaceSync' in CSSStyleSheet.prototype) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
    root.adoptedStyleSheets = [sheet];
  } else {
    // Old browsers only (no constructed stylesheets); a strict CSP there needs 'unsafe-inline'.
    root.appendChild(h('style', {}, css));
  }
}

function closeIcon(): SVGElement {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', 'M6 6l12 12M18 6L6 18');
  path.setAttribute('stroke-linecap', 'round');
  svg.appendChild(path);
  return svg;
}

/** A visually hidden live region in the light DOM: screen readers announce it reliably there. */
function liveRegion(): HTMLElement {
  const live = document.createElement('div');
  live.setAttribute('aria-live', 'polite');
  live.setAttribute('data-vertel-het', 'live');
  live.setAttribute('lang', 'nl');
  // CSSOM properties, not a style attribute: allowed under a CSP without 'unsafe-inline'.
  const s = live.style;
  s.position = 'absolute';
  s.width = '1px';
  s.height = '1px';
  s.margin = '-1px';
  s.padding = '0';
  s.border = '0';
  s.overflow = 'hidden';
  s.clip = 'rect(0 0 0 0)';
  s.whiteSpace = 'nowrap';
  return live;
}

export function mount(texts: Texts, opts: WidgetOptions): Mounted {
  const t: Texts = { ...texts, title: opts.title || texts.title, launcher: opts.launcher || texts.launcher };
  const host = document.createElement('vertel-het-chat');
  const shadow = host.attachShadow({ mode: 'open' });
  applyStyles(shadow, widgetCss(palette(opts.color)));
  const live = liveRegion();

  const titleId = uid('title');
  const panelId = uid('panel');
  const launcher = opts.page
    ? undefined
    : h('button', { type: 'button', class: 'launcher', 'aria-expanded': 'false', 'aria-controls': panelId }, t.launcher);
  const exit = h('button', { type: 'button', class: 'exit' }, t.quickExit);
  const close = opts.page ? undefined : h('button', { type: 'button', class: 'close', 'aria-label': t.close, title: t.close }, closeIcon());
  const notice = h('p', { class: 'notice' }, t.notice);
  const log = h('div', { class: 'log', role: 'region', 'aria-label': t.log, tabindex: '0' }, notice);
  const typing = h('div', { class: 'typing', 'aria-hidden': 'true', hidden: true }, h('span', { class: 'dots' }, h('i'), h('i'), h('i')), t.typing);
  const status = h('p', { class: 'status', hidden: true });
  const input = h('input', {
    type: 'text',
    'aria-label': t.placeholder,
    placeholder: t.placeholder,
    maxlength: String(MAX_TEXT),
    autocomplete: 'off',
    autocapitalize: 'sentences',
    spellcheck: 'true',
    enterkeyhint: 'send',
  });
  const form = h('form', { novalidate: true }, input, h('button', { type: 'submit', class: 'send' }, t.send));
  const panel = h(
    'div',
    opts.page
      ? { id: panelId, class: 'panel', role: 'main', 'aria-labelledby': titleId }
      : { id: panelId, class: 'panel', role: 'dialog', 'aria-modal': 'false', 'aria-labelledby': titleId, hidden: true },
    h('header', {}, h('h2', { id: titleId }, t.title), exit, close),
    log,
    status,
    form,
  );
  // The texts are Dutch whatever the host page's language: screen readers must read them as Dutch.
  const wrapper = h('div', { class: 'r ' + opts.position + (opts.page ? ' page' : ''), lang: 'nl' }, launcher, panel);
  shadow.appendChild(wrapper);

  // ---- rendering -------------------------------------------------------------------------

  const announce = (text: string) => {
    if (!text) return;
    live.appendChild(h('p', {}, text));
    while (live.childNodes.length > 4 && live.firstChild) live.removeChild(live.firstChild);
  };
  const scrollToEnd = () => {
    log.scrollTop = log.scrollHeight;
  };
  const add = (node: HTMLElement) => {
    log.insertBefore(node, typing.parentNode === log ? typing : null);
    return node;
  };
  /** Shows new replies from their beginning: a long answer is read from its first line, not its last. */
  const scrollTo = (first: HTMLElement) => {
    log.scrollTop = first.offsetTop - log.offsetTop - 8;
  };
  const system = (text: string) => {
    add(h('p', { class: 'msg sys' }, text));
    scrollToEnd();
    announce(text);
  };
  const disableChoices = () => {
    log.querySelectorAll<HTMLButtonElement>('.choice').forEach((b) => (b.disabled = true));
  };
  const you = (text: string) => {
    add(h('p', { class: 'msg you' }, h('span', { class: 'sr' }, t.you + ': '), text));
    scrollToEnd();
  };

  const link = (href: string | undefined, label: string, extra: string, external: boolean) =>
    href
      ? h(
          'a',
          external ? { href, target: '_blank', rel: 'noopener noreferrer' } : { href },
          extra ? label + ' ' + extra : label,
          external ? h('span', { class: 'sr' }, ' ' + t.newWindow) : null,
        )
      : null;

  function referral(r: Extract<Reply, { type: 'referral' }>): { node: HTMLElement; said: string } {
    const tel = telHref(r.phone);
    const chat = httpsHref(r.chat);
    const site = httpsHref(r.url);
    const links = h(
      'div',
      { class: 'links' },
      link(tel, t.callLabel, r.phone || '', false),
      link(chat, t.chatLabel, '', true),
      site !== chat ? link(site, t.siteLabel, '', true) : null,
    );
    const node = add(
      h(
        'div',
        { class: 'card' },
        h('p', { class: 'name' }, r.label),
        r.description ? h('p', {}, r.description) : null,
        r.statusText ? h('p', { class: 'state' }, r.statusText) : null,
        tel && r.phoneNote ? h('p', {}, r.phoneNote) : null,
        links.childNodes.length ? links : null,
      ),
    );
    return { node, said: [r.label, r.description, r.statusText, tel ? t.callLabel + ' ' + r.phone : ''].filter(Boolean).join('. ') };
  }

  function choices(r: Extract<Reply, { type: 'choices' }>): HTMLElement {
    const qid = uid('q');
    const question = add(h('p', { class: 'msg bot', id: qid }, r.text));
    const group = h('div', { class: 'choices', role: 'group', 'aria-labelledby': qid });
    for (const c of r.choices) {
      const b = h('button', { type: 'button', class: 'choice' }, c.label);
      b.addEventListener('click', (ev) => {
        if (b.disabled) return;
        disableChoices();
        you(c.label);
        client.choose(c.id);
        // Activated by keyboard (no pointer): keep focus in the chat, on the input.
        if (ev.detail === 0) input.focus();
      });
      group.appendChild(b);
    }
    add(group);
    return question;
  }

  let firstBatch = true;
  function render(replies: Reply[]): void {
    const said: string[] = [];
    let first: HTMLElement | undefined;
    for (const r of replies) {
      let node: HTMLElement | undefined;
      if (r.type === 'text') {
        node = add(h('p', { class: 'msg bot' }, r.text));
        said.push(r.text);
      } else if (r.type === 'choices') {
        node = choices(r);
        said.push(r.text);
      } else if (r.type === 'referral') {
        const card = referral(r);
        node = card.node;
        said.push(card.said);
      }
      // Reply types this widget does not know yet are skipped (the API may add some).
      first = first || node;
    }
    // The first answer starts under the notice, which is read first.
    if (firstBatch) log.scrollTop = 0;
    else if (first) scrollTo(first);
    firstBatch = false;
    announce(said.join(' '));
  }

  let typingTimer: ReturnType<typeof setTimeout> | undefined;
  const client = new ChatClient(opts.base, {
    replies: render,
    status(s: Status) {
      const text = s === 'online' ? '' : s === 'reconnecting' ? t.reconnecting : t.offline;
      status.hidden = !text;
      status.textContent = text;
      announce(text);
    },
    error(code: string) {
      system(code === 'VH_TEXT_TOO_LONG' ? t.tooLong : code === 'VH_UNAVAILABLE' ? t.offline : t.error);
    },
    expired() {
      system(t.expired);
    },
    busy(busy: boolean) {
      if (typingTimer !== undefined) clearTimeout(typingTimer);
      typingTimer = undefined;
      if (!busy) {
        typing.hidden = true;
        return;
      }
      typingTimer = setTimeout(() => {
        log.appendChild(typing);
        typing.hidden = false;
        scrollToEnd();
      }, TYPING_DELAY_MS);
    },
  });

  // ---- behaviour -------------------------------------------------------------------------

  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    if (text.length > MAX_TEXT) return system(t.tooLong);
    input.value = '';
    disableChoices();
    you(text);
    client.send(text);
  });

  function open(focus: boolean): void {
    panel.hidden = false;
    if (launcher) {
      launcher.hidden = true;
      launcher.setAttribute('aria-expanded', 'true');
    }
    client.start();
    scrollToEnd();
    if (focus) input.focus();
  }

  function hide(): void {
    if (opts.page) return;
    panel.hidden = true;
    if (launcher) {
      launcher.hidden = false;
      launcher.setAttribute('aria-expanded', 'false');
      launcher.focus();
    }
  }

  if (launcher) launcher.addEventListener('click', () => open(true));
  if (close) close.addEventListener('click', hide);
  panel.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' || ev.key === 'Esc') {
      ev.stopPropagation();
      hide();
    }
  });

  /**
   * Snel weg: wipe the chat from the screen, forget the conversation on the server, and replace
   * the page (the whole window, also from the /embed iframe) so Back does not return to it.
   */
  exit.addEventListener('click', () => {
    client.forget();
    wrapper.remove();
    live.remove();
    try {
      (window.top || window).location.replace(opts.exitUrl);
    } catch {
      location.replace(opts.exitUrl);
    }
  });

  // Leaving the page for good (not into the back/forward cache): the server forgets at once too.
  addEventListener('pagehide', (ev: PageTransitionEvent) => {
    if (!ev.persisted) client.forget();
  });

  document.body.appendChild(host);
  document.body.appendChild(live);
  return { host, open };
}
