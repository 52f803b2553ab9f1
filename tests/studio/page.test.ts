/**
 * The studio page's source: it type-checks, builds to one script, never writes markup from strings
 * or keeps the token anywhere but a variable, and every text it shows is in the page.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildStudio } from '../../studio/build.mjs';

const ROOT = join(import.meta.dirname, '..', '..');
const SRC = join(ROOT, 'studio', 'src');
const sources = readdirSync(SRC)
  .filter((f) => f.endsWith('.ts'))
  .map((f) => ({ file: f, text: readFileSync(join(SRC, f), 'utf8') }));
const html = readFileSync(join(ROOT, 'studio', 'index.html'), 'utf8');

describe('studio page source', () => {
  test('type-checks (strict, DOM)', { timeout: 120_000 }, () => {
    const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    expect(() => execFileSync(process.execPath, [tsc, '-p', join(ROOT, 'studio', 'tsconfig.json')], { stdio: 'pipe' })).not.toThrow();
  });

  test('builds to one script (and copies the page and style sheet)', { timeout: 60_000 }, async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'studio-build-'));
    try {
      const r = await buildStudio({ outdir, quiet: true });
      expect(r.bytes).toBeGreaterThan(1000);
      expect(readdirSync(outdir).sort()).toEqual(['studio.css', 'studio.html', 'studio.js']);
      expect(readFileSync(join(outdir, 'studio.js'), 'utf8')).not.toMatch(/\bimport\s*\(|\brequire\(/);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('no markup from strings, no eval, no storage for the token', () => {
    for (const { file, text: withComments } of sources) {
      const text = withComments.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
      expect(text, file).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|new Function|\beval\(/);
      expect(text, file).not.toMatch(/localStorage|sessionStorage|document\.cookie|indexedDB/);
    }
  });

  test('every text the script shows is in the page (#strings)', () => {
    const keys = new Set(sources.flatMap(({ text }) => [...text.matchAll(/\bt\('([\w-]+)'/g)].map((m) => m[1]!)));
    const present = new Set([...html.matchAll(/data-s="([\w-]+)"/g)].map((m) => m[1]!));
    expect(keys.size).toBeGreaterThan(20);
    expect([...keys].filter((k) => !present.has(k))).toEqual([]);
    // Outcome keys are built as 'outcome-' + name.
    for (const o of ['matched', 'unsure', 'none']) expect(present.has(`outcome-${o}`)).toBe(true);
  });

  test('every element the script looks up exists in the page', () => {
    const ids = new Set(sources.flatMap(({ text }) => [...text.matchAll(/byId(?:<[^>]+>)?\('([\w-]+)'\)/g)].map((m) => m[1]!)));
    const present = new Set([...html.matchAll(/\bid="([\w-]+)"/g)].map((m) => m[1]!));
    expect([...ids].filter((id) => !present.has(id))).toEqual([]);
  });
});
