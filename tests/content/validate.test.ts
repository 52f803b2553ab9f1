/**
 * The content validator against broken copies of the real content: every defect is named by file
 * and field, `validate:content` exits 1 and prints them, and the server refuses to start on them.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { DEFAULT_CONTENT_ROOT, formatProblem, loadContent } from '../../src/content/index.js';
import { testBot } from '../helpers/app.js';

const copies: string[] = [];
afterAll(() => copies.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of the content with `edits` applied (file → text transform). */
function brokenCopy(edits: Record<string, (text: string) => string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'vh-content-'));
  copies.push(dir);
  for (const d of ['flows', 'intents', 'content']) cpSync(join(DEFAULT_CONTENT_ROOT, d), join(dir, d), { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    writeFileSync(path, edit(readFileSync(path, 'utf8')));
  }
  return dir;
}

const problemsOf = (dir: string) => {
  const r = loadContent(dir);
  return r.ok ? [] : r.problems.map(formatProblem);
};

describe('the real content', () => {
  test('is valid', () => {
    expect(problemsOf(DEFAULT_CONTENT_ROOT)).toEqual([]);
  });

  test('from the sextortion start, every sextortion step is reachable by buttons alone', () => {
    const flow = testBot().content.flows.get('sextortion')!;
    const seen = new Set([flow.start]);
    const queue = [flow.start];
    while (queue.length) {
      const step = flow.steps[queue.shift()!]!;
      const nexts = [...(step.choices ?? []).map((c) => c.next), ...(step.next ? [step.next] : []), ...(step.branch ?? []).map((b) => ('if' in b ? b.next : b.else))];
      for (const n of nexts) {
        if (!flow.steps[n] || seen.has(n)) continue;
        seen.add(n);
        queue.push(n);
      }
    }
    expect(Object.keys(flow.steps).filter((s) => !seen.has(s))).toEqual([]);
  });

  test('every intent of shared/intents.md leads to a flow', () => {
    const { content, conversation } = testBot();
    for (const id of content.intents.keys()) {
      expect(content.flows.size).toBeGreaterThan(0);
      expect([...content.flows.values()].some((f) => f.triggers.some((t) => t.intent === id)), id).toBe(true);
    }
    expect(conversation).toBeDefined();
  });
});

describe('broken content is named by file and field', () => {
  test.for([
    [
      'an unknown step',
      { 'flows/sextortion.flow.yml': (t: string) => t.replace('next: bewijs', "next: aangfite") },
      "flows/sextortion.flow.yml: steps.stoppen.choices[0].next: unknown step 'aangfite'",
    ],
    [
      'an unknown referral',
      { 'flows/human.flow.yml': (t: string) => t.replace('referrals: [kindertelefoon,', 'referrals: [kinderfoon,') },
      "flows/human.flow.yml: steps.mens.referrals[0]: unknown referral 'kinderfoon'",
    ],
    [
      'a phone number that is not in referrals.yml',
      { 'flows/welcome.flow.yml': (t: string) => t.replace('Bel 113.', 'Bel 0900-1234567.') },
      "flows/welcome.flow.yml: steps.hallo.say[1]: phone number '0900-1234567' is not in content/referrals.yml",
    ],
    [
      '"waarom"',
      { 'flows/welcome.flow.yml': (t: string) => t.replace('Ik kan niemand waarschuwen.', 'Waarom ben je hier?') },
      "flows/welcome.flow.yml: steps.hallo.say[0]: 'waarom' is not allowed",
    ],
    [
      'two questions in one message',
      { 'flows/acute_danger.flow.yml': (t: string) => t.replace('ask: Ben je nu veilig?', 'ask: Ben je nu veilig? Ben je alleen?') },
      'flows/acute_danger.flow.yml: steps.bel.ask: 2 questions in one message',
    ],
    [
      'an example under two intents',
      { 'intents/thanks.intent.yml': (t: string) => `${t.trimEnd()}\n  - hij wil geld anders deelt hij mijn foto\n` },
      "intents/thanks.intent.yml: examples[",
    ],
    [
      'a missing field',
      { 'content/referrals.yml': (t: string) => t.replace('    checked: content-brief.md §6\n', '\n') },
      'content/referrals.yml: referrals[0].checked: Invalid input',
    ],
    [
      'broken YAML',
      { 'flows/goodbye.flow.yml': (t: string) => `${t}\n  : : [\n` },
      'flows/goodbye.flow.yml: not valid YAML',
    ],
    [
      'a step that cannot be reached',
      { 'flows/human.flow.yml': (t: string) => `${t.trimEnd()}\n  vergeten:\n    say: [Hallo.]\n    end: true\n` },
      "flows/human.flow.yml: steps.vergeten: step 'vergeten' is unreachable",
    ],
  ] as const)('%s', ([, edits, expected]) => {
    const problems = problemsOf(brokenCopy(edits as Record<string, (t: string) => string>));
    expect(problems.some((p) => p.includes(expected)), `${problems.join('\n')}\n(expected: ${expected})`).toBe(true);
  });

  test('npm run validate:content exits 1 and prints each defect; 0 on the real content', () => {
    const dir = brokenCopy({
      'flows/sextortion.flow.yml': (t) => t.replace('next: bewijs', 'next: aangfite'),
      'flows/human.flow.yml': (t) => t.replace('referrals: [kindertelefoon,', 'referrals: [kinderfoon,'),
    });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/content/cli.ts', dir], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("flows/sextortion.flow.yml: steps.stoppen.choices[0].next: unknown step 'aangfite'");
    expect(run.stderr).toContain("flows/human.flow.yml: steps.mens.referrals[0]: unknown referral 'kinderfoon'");
    expect(run.stdout).toBe('');
    const ok = execFileSync(process.execPath, ['--import', 'tsx', 'src/content/cli.ts'], { encoding: 'utf8' });
    expect(ok).toMatch(/^content ok: \d+ flows/);
  });

  test('the server refuses to start on broken content and prints the defect', () => {
    const dir = brokenCopy({ 'flows/sextortion.flow.yml': (t) => t.replace('next: bewijs', 'next: aangfite') });
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { encoding: 'utf8', env: { ...process.env, CONTENT_DIR: dir, PORT: '0' }, timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("flows/sextortion.flow.yml: steps.stoppen.choices[0].next: unknown step 'aangfite'");
  });

  test('the server refuses to start on a bad environment variable and names it', () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], { encoding: 'utf8', env: { ...process.env, PORT: 'abc' }, timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/PORT: must be a whole number/);
  });
});
