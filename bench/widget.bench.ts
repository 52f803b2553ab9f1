/** Widget: gzipped size of dist/widget.js (the target is absolute: ≤ 20 KB). */
import { existsSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Row } from './lib.js';

export async function benchWidget(): Promise<Row[]> {
  if (!existsSync('dist/widget.js')) return [{ bench: 'widget', measure: 'dist/widget.js missing (build failed?)', ours: 0, unit: '', pass: false }];
  const raw = readFileSync('dist/widget.js');
  const gz = gzipSync(raw, { level: 9 }).length / 1024;
  return [
    { bench: 'widget', measure: 'widget.js raw', ours: raw.length / 1024, unit: 'KB' },
    { bench: 'widget', measure: 'widget.js gzipped', ours: gz, unit: 'KB', target: '≤20 KB', pass: gz <= 20 },
  ];
}
