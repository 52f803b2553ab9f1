// Builds the server (dist/main.js) so `npm start` boots without compiling TypeScript.
// The widget is built by widget/build.mjs when present.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
});

if (existsSync('widget/build.mjs')) {
  const { buildWidget } = await import('../widget/build.mjs');
  await buildWidget();
}
