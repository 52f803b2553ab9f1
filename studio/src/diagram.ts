/**
 * Draws a flow diagram (laid out by the server: src/studio/diagram.ts) as SVG with DOM calls.
 * Every text from the flow file becomes a text node; nothing is parsed as markup.
 */
import type { Diagram } from './types';

const NS = 'http://www.w3.org/2000/svg';

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number> = {}): SVGElementTagNameMap[K] {
  const el = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

function text(x: number, y: number, cls: string, content: string): SVGTextElement {
  const el = s('text', { x, y, class: cls });
  el.textContent = content;
  return el;
}

const shorten = (v: string, n = 34): string => {
  const flat = v.replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  return chars.length > n ? chars.slice(0, n - 1).join('') + '…' : flat;
};

const lineText = (l: { label: string; to: string }): string => (l.label ? l.label + ' ' : '') + '→ ' + (l.to.indexOf('exit:') === 0 ? l.to.slice(5) : l.to);

export function renderDiagram(container: HTMLElement, d: Diagram, label: string): void {
  while (container.firstChild) container.removeChild(container.firstChild);
  const svg = s('svg', { width: d.width, height: d.height, viewBox: '0 0 ' + d.width + ' ' + d.height, role: 'img', 'data-flow': d.flow });
  svg.setAttribute('aria-label', label);
  const defs = s('defs');
  const marker = s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' });
  marker.appendChild(s('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }));
  defs.appendChild(marker);
  svg.appendChild(defs);
  for (const e of d.edges) {
    svg.appendChild(s('path', { d: e.d, class: 'edge ' + e.kind + (e.back ? ' back' : ''), 'marker-end': 'url(#arrow)' }));
  }
  for (const n of d.nodes) {
    const g = s('g', { class: 'node ' + n.kind + (n.start ? ' start' : '') });
    g.setAttribute('data-step', n.id);
    const tip = s('title');
    tip.textContent = [n.title, n.text ?? '', ...n.lines.map(lineText)].filter(Boolean).join('\n');
    g.appendChild(tip);
    g.appendChild(s('rect', { x: n.x, y: n.y, width: n.w, height: n.h, rx: n.kind === 'exit' ? 12 : 6 }));
    g.appendChild(text(n.x + 8, n.y + 16, 'title', shorten(n.title, 30)));
    let y = n.y + 22;
    if (n.text) {
      g.appendChild(text(n.x + 8, y + 12, 'say', shorten(n.text)));
      y += 18;
    }
    for (const l of n.lines) {
      g.appendChild(text(n.x + 12, y + 12, 'line', shorten(lineText(l))));
      y += 16;
    }
    svg.appendChild(g);
  }
  container.appendChild(svg);
}

/** Marks the current step (class "current", aria-current) and scrolls it into view. */
export function highlight(container: HTMLElement, step: string | undefined): void {
  container.querySelectorAll('.node.current').forEach((el) => {
    el.classList.remove('current');
    el.removeAttribute('aria-current');
  });
  if (!step) return;
  container.querySelectorAll<SVGGElement>('.node.step').forEach((el) => {
    if (el.getAttribute('data-step') !== step) return;
    el.classList.add('current');
    el.setAttribute('aria-current', 'step');
    const box = el.getBBox();
    const fit = container.classList.contains('fit');
    if (!fit) {
      container.scrollLeft = Math.max(0, box.x + box.width / 2 - container.clientWidth / 2);
      container.scrollTop = Math.max(0, box.y + box.height / 2 - container.clientHeight / 2);
    }
  });
}
