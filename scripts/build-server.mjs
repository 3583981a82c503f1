// scripts/build-server.mjs — bundles the headless runtime (electron/server/cli.ts) into out/server/cli.js with
// esbuild: fast (~100 ms), dependencies stay in node_modules, so `npm run serve` starts without a TS loader.
import { build } from 'esbuild'

await build({
  entryPoints: ['electron/server/cli.ts'],
  outdir: 'out/server',
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  // Code splitting keeps the HTTP stack in a chunk that loads while PostgreSQL starts (see runtime.ts).
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: true,
  logLevel: 'warning',
})
