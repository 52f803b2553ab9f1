/**
 * A flow file as a diagram, laid out here (no diagram library): steps in layers from the start
 * (breadth first), each box listing where its buttons, expected intents, `next` and `branch` lead;
 * steps of other flows and back / menu / restart as small exit boxes. The page draws it with DOM
 * calls (text only ever as text nodes); `diagramSvg` gives the same picture as SVG text, every
 * content string escaped.
 */
import type { Content } from '../content/load.js';
import type { Condition, Step } from '../content/schema.js';
import { RESERVED_TARGETS, resolveTarget } from '../content/validate.js';

export interface DiagramLine {
  /** What leads on: a button label, «intent», a condition, "…" (else), or "" for next. */
  label: string;
  /** The step id (this flow) or exit id it leads to. */
  to: string;
  kind: 'choice' | 'expect' | 'next' | 'branch';
}

export interface DiagramNode {
  id: string;
  kind: 'step' | 'exit';
  x: number;
  y: number;
  w: number;
  h: number;
  /** Step id, or for exits the target ("nude_shared.start", "menu"). */
  title: string;
  /** First thing the step says or asks (content, shortened). */
  text?: string;
  lines: DiagramLine[];
  start?: boolean;
  end?: boolean;
  /** Steps an intent enters directly (triggers with a step). */
  entry?: boolean;
}

export interface DiagramEdge {
  from: string;
  to: string;
  kind: DiagramLine['kind'];
  /** SVG path data (numbers only). */
  d: string;
  back: boolean;
}

export interface Diagram {
  flow: string;
  title: string;
  start: string;
  width: number;
  height: number;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

const NODE_W = 230;
const EXIT_W = 170;
const GAP_X = 36;
const GAP_Y = 54;
const PAD = 16;
const HEADER_H = 22;
const TEXT_H = 18;
const LINE_H = 16;
const MAX_CHARS = 34;

export const shorten = (s: string, n = MAX_CHARS): string => {
  const flat = s.replace(/\s+/g, ' ').trim();
  return [...flat].length > n ? `${[...flat].slice(0, n - 1).join('')}…` : flat;
};

function conditionText(c: Condition): string {
  if ('slot' in c) return 'equals' in c ? `${c.slot} = ${String(c.equals)}` : `${c.slot} ${c.isSet ? '✓' : '∅'}`;
  if ('count' in c) return `#(${c.count.slots.join(', ')} = ${String(c.count.equals)}) ≥ ${c.atLeast}`;
  if ('all' in c) return c.all.map(conditionText).join(' & ');
  if ('any' in c) return c.any.map(conditionText).join(' | ');
  return `!(${conditionText(c.not)})`;
}

function firstText(step: Step): string | undefined {
  const m = step.ask ?? step.say[0];
  if (m === undefined) return undefined;
  return typeof m === 'string' ? m : m.variants[0];
}

export function flowDiagram(content: Pick<Content, 'flows'>, flowId: string): Diagram | undefined {
  const flow = content.flows.get(flowId);
  if (!flow) return undefined;
  const stepIds = Object.keys(flow.steps);

  // Where each target leads: a step of this flow, or an exit box.
  const exits = new Map<string, DiagramNode>();
  const targetId = (target: string): string => {
    if ((RESERVED_TARGETS as readonly string[]).includes(target)) return exitFor(target);
    const ref = resolveTarget(content, flow.id, target);
    if (ref && ref.flow === flow.id) return ref.step;
    return exitFor(ref ? `${ref.flow}.${ref.step}` : target);
  };
  const exitFor = (title: string): string => {
    const id = `exit:${title}`;
    if (!exits.has(id)) exits.set(id, { id, kind: 'exit', x: 0, y: 0, w: EXIT_W, h: HEADER_H + 8, title, lines: [] });
    return id;
  };

  const lines = new Map<string, DiagramLine[]>();
  for (const id of stepIds) {
    const step = flow.steps[id]!;
    const out: DiagramLine[] = [];
    step.choices?.forEach((c) => out.push({ label: c.label, to: targetId(c.next), kind: 'choice' }));
    for (const [intent, target] of Object.entries(step.expect ?? {})) out.push({ label: `«${intent}»`, to: targetId(target), kind: 'expect' });
    if (step.next) out.push({ label: '', to: targetId(step.next), kind: 'next' });
    step.branch?.forEach((b) => out.push('if' in b ? { label: conditionText(b.if), to: targetId(b.next), kind: 'branch' } : { label: '…', to: targetId(b.else), kind: 'branch' }));
    lines.set(id, out);
  }

  // Layers: breadth first from the start, then from steps intents enter directly, then the rest.
  const entries = new Set(flow.triggers.map((t) => t.step).filter((s): s is string => !!s && s !== flow.start));
  const layer = new Map<string, number>();
  const order: string[] = [];
  const visit = (roots: string[], base: number) => {
    const queue = roots.filter((r) => !layer.has(r));
    queue.forEach((r) => {
      layer.set(r, base);
      order.push(r);
    });
    while (queue.length) {
      const id = queue.shift()!;
      for (const l of lines.get(id) ?? []) {
        if (layer.has(l.to)) continue;
        layer.set(l.to, layer.get(id)! + 1);
        order.push(l.to);
        if (!l.to.startsWith('exit:')) queue.push(l.to);
      }
    }
  };
  visit([flow.start], 0);
  for (const e of entries) visit([e], 1);
  visit(stepIds, 0);
  for (const id of exits.keys()) if (!layer.has(id)) {
    layer.set(id, 1);
    order.push(id);
  }

  // Node boxes.
  const nodes = new Map<string, DiagramNode>();
  for (const id of stepIds) {
    const step = flow.steps[id]!;
    const text = firstText(step);
    const own = lines.get(id)!;
    nodes.set(id, {
      id,
      kind: 'step',
      x: 0,
      y: 0,
      w: NODE_W,
      h: HEADER_H + (text ? TEXT_H : 0) + own.length * LINE_H + 10,
      title: id,
      ...(text ? { text } : {}),
      lines: own,
      ...(id === flow.start ? { start: true } : {}),
      ...(step.end ? { end: true } : {}),
      ...(entries.has(id) ? { entry: true } : {}),
    });
  }
  for (const [id, n] of exits) nodes.set(id, n);

  // Order within a layer: discovery order, then one pass by the mean position of parents.
  const layers: string[][] = [];
  for (const id of order) {
    const l = layer.get(id)!;
    (layers[l] ??= []).push(id);
  }
  const parents = new Map<string, string[]>();
  for (const [from, ls] of lines) for (const l of ls) parents.set(l.to, [...(parents.get(l.to) ?? []), from]);
  const pos = new Map<string, number>();
  layers.forEach((ids) => ids?.forEach((id, i) => pos.set(id, i)));
  for (let li = 1; li < layers.length; li++) {
    const ids = layers[li];
    if (!ids) continue;
    const bary = (id: string) => {
      const ps = (parents.get(id) ?? []).filter((p) => (layer.get(p) ?? 0) < li);
      return ps.length ? ps.reduce((s, p) => s + (pos.get(p) ?? 0), 0) / ps.length : (pos.get(id) ?? 0);
    };
    const keyed = ids.map((id, i) => ({ id, k: bary(id), i }));
    keyed.sort((a, b) => a.k - b.k || a.i - b.i);
    layers[li] = keyed.map((x) => x.id);
    layers[li]!.forEach((id, i) => pos.set(id, i));
  }

  // Coordinates: layers top to bottom, each layer centred.
  const rowWidth = (ids: string[]) => ids.reduce((s, id) => s + nodes.get(id)!.w, 0) + GAP_X * Math.max(0, ids.length - 1);
  const width = Math.max(...layers.map((ids) => (ids ? rowWidth(ids) : 0)), NODE_W) + 2 * PAD + 60;
  let y = PAD;
  for (const ids of layers) {
    if (!ids) continue;
    let x = PAD + (width - 60 - 2 * PAD - rowWidth(ids)) / 2;
    let tallest = 0;
    for (const id of ids) {
      const n = nodes.get(id)!;
      n.x = Math.round(x);
      n.y = Math.round(y);
      x += n.w + GAP_X;
      tallest = Math.max(tallest, n.h);
    }
    y += tallest + GAP_Y;
  }
  const height = Math.round(y - GAP_Y + PAD);

  // Edges: forward ones as curves from bottom to top; back ones around the right side.
  const edges: DiagramEdge[] = [];
  const seen = new Set<string>();
  let backs = 0;
  for (const [from, ls] of lines) {
    for (const l of ls) {
      const key = `${from}>${l.to}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const a = nodes.get(from)!;
      const b = nodes.get(l.to)!;
      const back = b.y <= a.y;
      let d: string;
      if (!back) {
        const x1 = a.x + a.w / 2;
        const y1 = a.y + a.h;
        const x2 = b.x + b.w / 2;
        const y2 = b.y;
        const my = (y1 + y2) / 2;
        d = `M${r(x1)},${r(y1)} C${r(x1)},${r(my)} ${r(x2)},${r(my)} ${r(x2)},${r(y2)}`;
      } else {
        backs++;
        const x1 = a.x + a.w;
        const y1 = a.y + a.h / 2;
        const x2 = b.x + b.w;
        const y2 = b.y + b.h / 2;
        const out = Math.max(x1, x2) + 24 + (backs % 4) * 8;
        d = `M${r(x1)},${r(y1)} C${r(out)},${r(y1)} ${r(out)},${r(y2)} ${r(x2 + 2)},${r(y2)}`;
      }
      edges.push({ from, to: l.to, kind: l.kind, d, back });
    }
  }

  return { flow: flow.id, title: flow.title, start: flow.start, width: Math.round(width), height, nodes: [...nodes.values()], edges };
}

const r = (n: number) => Math.round(n * 10) / 10;

/** "Ik heb al betaald → al_betaald", "→ einde" (next), "… → bewijs_opslaan" (else). */
export const lineText = (l: DiagramLine): string => `${l.label ? `${l.label} ` : ''}→ ${l.to.startsWith('exit:') ? l.to.slice(5) : l.to}`;

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Escapes text for XML content and attribute values (flow text is content, still escaped). */
export const escapeXml = (s: string): string => s.replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);

/** The diagram as standalone SVG text, the current step (if any) highlighted. */
export function diagramSvg(d: Diagram, current?: string): string {
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${d.width}" height="${d.height}" viewBox="0 0 ${d.width} ${d.height}" font-family="system-ui, sans-serif" font-size="12">`,
    `<title>${escapeXml(`${d.flow}: ${d.title}`)}</title>`,
    '<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#555"/></marker></defs>',
  );
  for (const e of d.edges) {
    const look = e.back ? 'stroke="#aaa" stroke-width="1" stroke-opacity="0.6"' : 'stroke="#777" stroke-width="1.3"';
    out.push(`<path d="${escapeXml(e.d)}" fill="none" ${look}${e.kind === 'branch' ? ' stroke-dasharray="5 3"' : ''} marker-end="url(#arrow)"/>`);
  }
  for (const n of d.nodes) {
    const isCurrent = n.kind === 'step' && n.id === current;
    const fill = isCurrent ? '#ffe58a' : n.kind === 'exit' ? '#eef1f5' : '#ffffff';
    const stroke = isCurrent ? '#b35c00' : n.start ? '#1b6e3c' : '#5a6270';
    out.push(`<g data-step="${escapeXml(n.id)}">`);
    out.push(`<rect x="${n.x}" y="${n.y}" width="${n.w}" height="${n.h}" rx="${n.kind === 'exit' ? 12 : 6}" fill="${fill}" stroke="${stroke}" stroke-width="${isCurrent ? 3 : 1.3}"/>`);
    out.push(`<text x="${n.x + 8}" y="${n.y + 16}" font-weight="bold">${escapeXml(shorten(n.title, 30))}</text>`);
    let y = n.y + HEADER_H;
    if (n.text) {
      out.push(`<text x="${n.x + 8}" y="${y + 12}" fill="#333" font-style="italic">${escapeXml(shorten(n.text))}</text>`);
      y += TEXT_H;
    }
    for (const l of n.lines) {
      out.push(`<text x="${n.x + 12}" y="${y + 12}" fill="#222">${escapeXml(shorten(lineText(l)))}</text>`);
      y += LINE_H;
    }
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n');
}
