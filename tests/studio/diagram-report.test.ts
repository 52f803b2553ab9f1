/** Flow diagrams for every flow, escaping in the SVG text, and the report without NLP.js. */
import { describe, expect, test } from 'vitest';
import { diagramSvg, escapeXml, flowDiagram } from '../../src/studio/diagram.js';
import { computeReport, ReportCache } from '../../src/studio/report.js';
import type { FlowFile } from '../../src/content/schema.js';
import { testBot } from '../helpers/app.js';

const bot = testBot();

describe('flow diagrams', () => {
  test.for([...bot.content.flows.keys()])('%s: every step once, inside the picture, edges to known boxes', (id) => {
    const d = flowDiagram(bot.content, id)!;
    const flow = bot.content.flows.get(id)!;
    const steps = d.nodes.filter((n) => n.kind === 'step');
    expect(steps.map((n) => n.id).sort()).toEqual(Object.keys(flow.steps).sort());
    const ids = new Set(d.nodes.map((n) => n.id));
    expect(ids.size).toBe(d.nodes.length);
    for (const n of d.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.y).toBeGreaterThanOrEqual(0);
      expect(n.x + n.w).toBeLessThanOrEqual(d.width);
      expect(n.y + n.h).toBeLessThanOrEqual(d.height);
      for (const l of n.lines) expect(ids.has(l.to)).toBe(true);
    }
    for (const e of d.edges) {
      expect(ids.has(e.from) && ids.has(e.to)).toBe(true);
      expect(e.d).toMatch(/^[MC0-9., -]+$/);
    }
    // No two boxes overlap.
    for (const a of d.nodes) for (const b of d.nodes) {
      if (a === b) continue;
      const apart = a.x + a.w <= b.x || b.x + b.w <= a.x || a.y + a.h <= b.y || b.y + b.h <= a.y;
      expect(apart, `${a.id} / ${b.id}`).toBe(true);
    }
    expect(d.nodes.find((n) => n.id === flow.start)?.start).toBe(true);
  });

  test('unknown flow: undefined', () => {
    expect(flowDiagram(bot.content, 'nope')).toBeUndefined();
  });

  test('flow text is escaped in the SVG text', () => {
    const evil: FlowFile = {
      id: 'evil',
      title: '<script>alert(1)</script>',
      triggers: [],
      source: 'test',
      start: 'a',
      steps: {
        a: { say: ['"><img src=x onerror=alert(1)> & co'], referrals: [], ask: 'Klik <b>hier</b>?', choices: [{ id: 'x', label: "it's <i>", next: 'b' }] },
        b: { say: [], referrals: [], end: true },
      },
    };
    const content = { flows: new Map([['evil', evil]]) };
    const svg = diagramSvg(flowDiagram(content, 'evil')!, 'a');
    expect(svg).not.toMatch(/<script|<img|<b>|<i>|onerror=alert\(1\)>/);
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('data-step="a"');
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('the report', () => {
  test('without NLP.js installed: ours only, and it says so', { timeout: 60_000 }, async () => {
    const missing = Object.assign(new Error("Cannot find package '@nlpjs/basic'"), { code: 'ERR_MODULE_NOT_FOUND' });
    const r = await computeReport({ bot, root: process.cwd(), trainBaseline: () => Promise.reject(missing) });
    if (!r.nlu.available) throw new Error(r.nlu.reason);
    expect(r.nlu.systems.map((s) => s.name)).toEqual(['Vertel het']);
    expect(r.nlu.baseline).toEqual({ name: 'NLP.js', installed: false });
    expect(r.transcripts.available).toBe(true);
  });

  test('NLP.js installed but failing: ours, and the reason', { timeout: 60_000 }, async () => {
    const r = await computeReport({ bot, root: process.cwd(), trainBaseline: () => Promise.reject(new Error('boom')) });
    if (!r.nlu.available) throw new Error(r.nlu.reason);
    expect(r.nlu.systems).toHaveLength(1);
    expect(r.nlu.baseline).toEqual({ name: 'NLP.js', installed: true, error: 'boom' });
  });

  test('without the test lists (a bare deployment): says what is missing', async () => {
    const r = await computeReport({ bot, root: '/nonexistent', trainBaseline: () => Promise.reject(new Error('not called')) });
    expect(r.nlu.available).toBe(false);
    expect(r.transcripts.available).toBe(false);
  });

  test('computed once; a failure is tried again', async () => {
    let calls = 0;
    const cache = new ReportCache(async () => {
      calls++;
      if (calls === 1) throw new Error('first fails');
      return { nlu: { available: false, reason: 'x' }, transcripts: { available: false, reason: 'x' }, tookMs: calls };
    });
    await expect(cache.get()).rejects.toThrow('first fails');
    const [a, b] = await Promise.all([cache.get(), cache.get()]);
    expect(a).toBe(b);
    expect(await cache.get()).toBe(a);
    expect(calls).toBe(2);
  });
});
