/** Shared bench helpers: child servers, free ports, RSS, percentiles, a result table. */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';

export async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface Child {
  proc: ChildProcess;
  port: number;
  base: string;
  /** Milliseconds from spawn until the readiness check passed. */
  readyMs: number;
  stop(): Promise<void>;
}

/** Starts a server process and waits until `ready(base)` resolves true. */
export async function startChild(cmd: string[], env: Record<string, string>, ready: (base: string) => Promise<boolean>): Promise<Child> {
  const port = await freePort();
  const started = performance.now();
  const proc = spawn(cmd[0]!, cmd.slice(1), { env: { ...process.env, ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`${cmd.join(' ')} exited with ${proc.exitCode}`);
    try {
      if (await ready(base)) break;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 5));
    if (performance.now() - started > 30_000) throw new Error(`${cmd.join(' ')} did not start`);
  }
  const readyMs = performance.now() - started;
  return {
    proc,
    port,
    base,
    readyMs,
    stop: () =>
      new Promise((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.on('exit', () => resolve());
        proc.kill('SIGTERM');
        setTimeout(() => proc.kill('SIGKILL'), 5000).unref();
      }),
  };
}

export function rssKb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (xs: number[]) => percentile([...xs].sort((a, b) => a - b), 50);

export interface Row {
  bench: string;
  measure: string;
  ours: number;
  baseline?: number;
  baselineName?: string;
  unit: string;
  /** ours / baseline (or baseline / ours for "lower is better"), when there is a baseline. */
  ratio?: number;
  target?: string;
  pass?: boolean;
}

export function printTable(rows: Row[]): void {
  const fmt = (x: number | undefined) => (x === undefined ? '' : x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2));
  const table = [
    ['bench', 'measure', 'ours', 'baseline', 'ratio', 'target', 'ok'],
    ...rows.map((r) => [
      r.bench,
      r.measure,
      `${fmt(r.ours)} ${r.unit}`,
      r.baseline === undefined ? '' : `${fmt(r.baseline)} ${r.unit} (${r.baselineName})`,
      r.ratio === undefined ? '' : `${r.ratio.toFixed(2)}×`,
      r.target ?? '',
      r.pass === undefined ? '' : r.pass ? 'yes' : 'NO',
    ]),
  ];
  const widths = table[0]!.map((_, i) => Math.max(...table.map((row) => row[i]!.length)));
  for (const row of table) console.log(row.map((c, i) => c.padEnd(widths[i]!)).join('  '));
}
