// Builds the worker studio page: studio/src/main.ts → dist/studio.js (one script, no dependencies),
// and copies studio/index.html and studio/studio.css to dist/studio.html and dist/studio.css, so
// the production image (which keeps only dist/) can serve the page. Written atomically and only
// when changed, so parallel builds (test files, npm run build) never serve a half-written file.
import { build } from 'esbuild';
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const STUDIO_OUTDIR = join(root, 'dist');

function writeIfChanged(file, bytes) {
  let current;
  try {
    current = readFileSync(file);
  } catch {
    current = undefined;
  }
  if (current && Buffer.from(bytes).equals(current)) return false;
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, file);
  return true;
}

/**
 * @param {{ outdir?: string, quiet?: boolean }} [options]
 * @returns {Promise<{ script: string, bytes: number, changed: boolean }>}
 */
export async function buildStudio(options = {}) {
  const outdir = options.outdir ?? STUDIO_OUTDIR;
  const result = await build({
    entryPoints: [join(root, 'studio', 'src', 'main.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: 'es2020',
    platform: 'browser',
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
    tsconfig: join(root, 'studio', 'tsconfig.json'),
  });
  const code = result.outputFiles[0].contents;
  const script = join(outdir, 'studio.js');
  let changed = writeIfChanged(script, code);
  changed = writeIfChanged(join(outdir, 'studio.html'), readFileSync(join(root, 'studio', 'index.html'))) || changed;
  changed = writeIfChanged(join(outdir, 'studio.css'), readFileSync(join(root, 'studio', 'studio.css'))) || changed;
  if (!options.quiet) console.log(`studio: ${script} ${code.length} bytes${changed ? '' : ' (unchanged)'}`);
  return { script, bytes: code.length, changed };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildStudio();
}
