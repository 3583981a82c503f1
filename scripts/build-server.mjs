// scripts/build-server.mjs — bundles the headless runtime (electron/server/cli.ts) into out/server/cli.js with
// esbuild (~1 s), so `npm run serve` starts without a TS loader.
//
// Dependencies are bundled too: resolving and compiling a few hundred small files from node_modules (and lexing
// CommonJS for ESM interop) cost ~250 ms of every start. Left out: native addons and optional native helpers
// (they cannot be bundled), and pino (Fastify refers to it but loads it only when its own logger is on, which it
// never is here; its transports load files by path in worker threads).
import fs from 'node:fs'
import { build } from 'esbuild'

/**
 * pg picks its socket implementation by sniffing for Cloudflare Workers: on Node 20 (no `navigator`) it builds a
 * fetch Response to look for `cf`, which loads Node's whole fetch implementation (undici), ~40 ms of every start.
 * This bundle only ever runs on Node or Electron, so the answer is fixed at build time. If pg changes the
 * function, the build says so rather than silently keeping the cost.
 */
const pgRuntimeIsNode = {
  name: 'pg-runtime-is-node',
  setup(b) {
    b.onLoad({ filter: /[\\/]node_modules[\\/]pg[\\/]lib[\\/]stream\.js$/ }, async (args) => {
      const source = await fs.promises.readFile(args.path, 'utf8')
      const patched = source.replace(/function isCloudflareRuntime\(\) \{/, 'function isCloudflareRuntime() {\n  return false')
      if (patched === source) throw new Error(`pg's ${args.path} no longer has isCloudflareRuntime(): check scripts/build-server.mjs`)
      return { contents: patched, loader: 'js' }
    })
  },
}

const OUT = 'out/server'
// Chunk names carry a content hash: without a clean, every build would leave the previous chunks behind.
fs.rmSync(OUT, { recursive: true, force: true })

await build({
  entryPoints: ['electron/server/cli.ts'],
  outdir: OUT,
  entryNames: '[name]',
  chunkNames: 'chunks/[name]-[hash]',
  // Code splitting keeps the HTTP stack in a chunk that loads while PostgreSQL starts (see runtime.ts).
  splitting: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // libpg-query loads its .wasm file from beside its own module: it must stay in node_modules.
  external: ['@node-rs/argon2', 'sharp', 'pg-native', 'bufferutil', 'utf-8-validate', 'pino', 'libpg-query'],
  // Bundled CommonJS calls require() for Node built-ins; an ESM bundle has none unless it is given one.
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  plugins: [pgRuntimeIsNode],
  sourcemap: true,
  logLevel: 'warning',
})

// The Deno host of edge functions (with the handlers' clients): one ES module Deno runs, next to the CLI.
// Same options as electron/server/functions/host-bundle.ts, which builds it from the sources for tests.
await build({ bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', mainFields: ['module', 'main'], logLevel: 'warning', entryPoints: ['electron/server/functions/deno-host/function-host.ts'], outfile: `${OUT}/deno/function-host.js` })
// The Deno host of job functions (same clients), built the same way.
await build({ bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', mainFields: ['module', 'main'], logLevel: 'warning', entryPoints: ['electron/server/jobs/deno-host/job-host.ts'], outfile: `${OUT}/deno/job-host.js` })
