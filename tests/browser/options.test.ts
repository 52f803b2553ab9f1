/**
 * The widget's own checks of what a site (data-* attributes) or the server (referral data) gives
 * it, as plain unit tests. They live with the browser tests because the widget code is typed for
 * the DOM (tests/browser/tsconfig.json).
 */
import { describe, expect, test } from 'vitest';
import { contrast, palette, parseColor, parseExitUrl, readOptions } from '../../widget/src/config.js';
import { httpsHref, telHref } from '../../widget/src/dom.js';

describe('the widget checks what a site or the server gives it', () => {
  test('data-color: #rgb or #rrggbb only', () => {
    expect(parseColor('#ABC')).toBe('#aabbcc');
    expect(parseColor(' #12ab9F ')).toBe('#12ab9f');
    for (const bad of ['red', '#12345', 'url(x)', '#fff;background:red', '', undefined]) expect(parseColor(bad), String(bad)).toBeUndefined();
  });

  test('data-exit-url: https only (http only on this machine), no credentials', () => {
    expect(parseExitUrl('https://nos.nl/')).toBe('https://nos.nl/');
    expect(parseExitUrl('http://localhost:8080/neutral')).toBe('http://localhost:8080/neutral');
    expect(parseExitUrl('http://127.0.0.1/x')).toBe('http://127.0.0.1/x');
    for (const bad of ['javascript:alert(1)', 'http://example.nl/', 'data:text/html,hi', '//evil.example', '/relative', 'https://user:pw@nos.nl/', 'http://localhost.evil.example/']) {
      expect(parseExitUrl(bad), bad).toBeUndefined();
    }
  });

  test('the options from the script tag, with defaults for bad values', () => {
    const script = { src: 'https://chat.example.nl/widget.js?v=1', dataset: { color: 'nope', position: 'middle', exitUrl: 'javascript:x', title: '  Chat   Jeugdzorg ', open: 'false' } };
    expect(readOptions(script as unknown as HTMLScriptElement, 'https://intranet.example.nl/page')).toEqual({
      base: 'https://chat.example.nl',
      color: '#4a2574',
      position: 'right',
      open: false,
      page: false,
      exitUrl: 'https://www.google.nl/',
      title: 'Chat Jeugdzorg',
    });
    const page = { src: 'https://chat.example.nl/widget.js', dataset: { layout: 'page', open: '', position: 'left', langLauncher: 'x'.repeat(80) } };
    const o = readOptions(page as unknown as HTMLScriptElement, 'https://chat.example.nl/embed');
    expect(o).toMatchObject({ page: true, open: true, position: 'left' });
    expect(o.launcher).toHaveLength(40);
  });

  test('colours stay AA (4.5:1) whatever the site picks', () => {
    for (const c of ['#4a2574', '#ffeb3b', '#777777', '#00ff00', '#0000ff', '#ff0000', '#ffffff', '#000000', '#808080', '#7a7a7a']) {
      const p = palette(c);
      expect(contrast(p.accent, p.onAccent), c).toBeGreaterThanOrEqual(4.5);
      expect(contrast(p.ink, '#ffffff'), c).toBeGreaterThanOrEqual(4.5);
    }
  });

  test('links from referral data: tel: with digits only, https: only', () => {
    expect(telHref('020-261 52 75')).toBe('tel:0202615275');
    expect(telHref('+31 6 1234 5678')).toBe('tel:+31612345678');
    expect(telHref('113')).toBe('tel:113');
    expect(telHref('12')).toBeUndefined();
    expect(telHref('javascript:alert(1)')).toBeUndefined();
    expect(httpsHref('https://www.113.nl')).toBe('https://www.113.nl/');
    for (const bad of ['http://www.113.nl', 'javascript:alert(1)', 'data:text/html,x', '/relative', 'https://a:b@x.nl', undefined]) expect(httpsHref(bad), String(bad)).toBeUndefined();
  });
});
