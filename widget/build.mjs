// Bundles widget/src into one minified script, dist/widget.js (served at /widget.js).
// The output is deterministic (same source, same bytes), so a Subresource Integrity hash stays valid
// until the widget changes. Written atomically and only when it changed, so parallel builds (test
// files, npm run build) never let the server read a half-written file.
import { build } from 'esbuild';
import { Buffer } from 'node:buffer';
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WIDGET_OUTFILE = join(root, 'dist', 'widget.js');
/** The budget from the issue: at most 20 KB gzipped. */
export const WIDGET_GZIP_BUDGET = 20 * 1024;

/**
 * @param {{ outfile?: string, quiet?: boolean }} [options]
 * @returns {Promise<{ outfile: string, bytes: number, gzipBytes: number, changed: boolean }>}
 */
export async function buildWidget(options = {}) {
  const outfile = options.outfile ?? WIDGET_OUTFILE;
  const result = await build({
    entryPoints: [join(root, 'widget', 'src', 'embed.ts')],
    bundle: true,
    minify: true,
    format: 'iife',
    target: ['es2019', 'chrome80', 'firefox78', 'safari13'],
    platform: 'browser',
    legalComments: 'none',
    charset: 'utf8',
    write: false,
    logLevel: 'warning',
    tsconfig: join(root, 'widget', 'tsconfig.json'),
  });
  const code = result.outputFiles[0].contents;
  const gzipBytes = gzipSync(code, { level: 9 }).length;
  if (gzipBytes > WIDGET_GZIP_BUDGET) {
    throw new Error(`widget.js is ${gzipBytes} bytes gzipped, over the ${WIDGET_GZIP_BUDGET} byte budget`);
  }
  let current;
  try {
    current = readFileSync(outfile);
  } catch {
    current = undefined;
  }
  const changed = !current || !Buffer.from(code).equals(current);
  if (changed) {
    mkdirSync(dirname(outfile), { recursive: true });
    const tmp = `${outfile}.${process.pid}.${Date.now()}.tmp`;
    writeFileSync(tmp, code);
    renameSync(tmp, outfile);
  }
  if (!options.quiet) console.log(`widget: ${outfile} ${code.length} bytes, ${gzipBytes} gzipped${changed ? '' : ' (unchanged)'}`);
  return { outfile, bytes: code.length, gzipBytes, changed };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildWidget();
}
