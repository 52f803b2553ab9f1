/**
 * The shape of the code: the core, the flow engine, the matcher and the content layer are
 * channel-neutral (no fastify, grammy or ws), and nobody imports `natural` whole.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = join(import.meta.dirname, '..');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? filesUnder(full) : full.endsWith('.ts') ? [full] : [];
  });
}

const importsOf = (file: string) => [...readFileSync(file, 'utf8').matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);

describe('architecture', () => {
  const neutral = ['src/core', 'src/flows', 'src/nlu', 'src/content', 'src/transcripts', 'src/studio'].flatMap((d) => filesUnder(join(root, d)));

  test('there is code to check', () => {
    expect(neutral.length).toBeGreaterThan(10);
  });

  test.for(neutral.map((f) => relative(root, f)))('%s imports no channel or server library', (file) => {
    const bad = importsOf(join(root, file)).filter((m) => /^(fastify|@fastify\/|grammy|@grammyjs\/|ws$|ioredis|pino)/.test(m) || m.includes('/server/') || m.includes('/channels/'));
    expect(bad).toEqual([]);
  });

  test('natural is only imported file by file, never whole', () => {
    const all = filesUnder(join(root, 'src'));
    const whole = all.filter((f) => importsOf(f).some((m) => m === 'natural'));
    expect(whole.map((f) => relative(root, f))).toEqual([]);
    const used = all.filter((f) => importsOf(f).some((m) => m.startsWith('natural/lib/natural/')));
    expect(used.length).toBeGreaterThan(0);
  });

  test('channel adapters stay thin (about a screen each)', () => {
    for (const f of filesUnder(join(root, 'src/channels')).filter((f) => !f.includes('cli-'))) {
      const lines = readFileSync(f, 'utf8').split('\n').filter((l) => l.trim() && !l.trim().startsWith('//') && !l.trim().startsWith('*')).length;
      expect(lines, relative(root, f)).toBeLessThan(220);
    }
  });
});
