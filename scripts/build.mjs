// Builds the server (dist/main.js) so `npm start` boots without compiling TypeScript.
// The widget is built by widget/build.mjs when present.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

await build({
  entryPoints: { main: 'src/main.ts', 'warm-model': 'src/nlu/warm.ts' },
  outdir: 'dist',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

// Train the matcher's cue weights now, so `npm start` (and a container) does not have to.
execFileSync(process.execPath, ['dist/warm-model.js'], { stdio: 'inherit' });

if (existsSync('widget/build.mjs')) {
  const { buildWidget } = await import('../widget/build.mjs');
  await buildWidget();
}

if (existsSync('studio/build.mjs')) {
  const { buildStudio } = await import('../studio/build.mjs');
  await buildStudio();
}
