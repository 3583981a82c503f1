// functions/host-bundle.ts — the script every functions worker runs: deno-host/function-host.ts and the clients
// (with @supabase/postgrest-js) bundled into one ES module by esbuild. The built app carries it prebuilt
// (scripts/build-server.mjs → out/server/deno/function-host.js); from the sources (tests) it is built here once
// into the temp folder, named by the hash of its inputs.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const HOST_ENTRY = 'electron/server/functions/deno-host/function-host.ts'
const PREBUILT = path.join('deno', 'function-host.js')

/** esbuild options shared with scripts/build-server.mjs: Deno runs browser-style ES modules. */
export const HOST_BUILD_OPTIONS = { bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', mainFields: ['module', 'main'], logLevel: 'warning' } as const

let cached: Promise<string> | undefined

function findPrebuilt(): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  for (let i = 0; i < 3; i++) {
    const candidate = path.join(dir, PREBUILT)
    if (fs.existsSync(candidate)) return candidate
    dir = path.dirname(dir)
  }
  return undefined
}

async function buildFromSources(): Promise<string> {
  const here = path.dirname(fileURLToPath(import.meta.url))
  const sources = [...fs.readdirSync(path.join(here, 'deno-host')).map((f) => path.join(here, 'deno-host', f)), path.join(here, '..', 'deno', 'host-channel.ts'), path.join(here, '..', 'deno', 'host-protocol.ts')]
  const hash = crypto.createHash('sha256')
  for (const f of sources.sort()) hash.update(fs.readFileSync(f))
  const out = path.join(os.tmpdir(), `fluxbase-function-host-${process.getuid?.() ?? 'user'}`, `function-host-${hash.digest('hex').slice(0, 16)}.js`)
  if (fs.existsSync(out)) return out
  // esbuild is a build tool (devDependency): only the source tree reaches this line.
  const { build } = await import('esbuild')
  const tmp = `${out}.${process.pid}.tmp`
  await build({ ...HOST_BUILD_OPTIONS, mainFields: [...HOST_BUILD_OPTIONS.mainFields], entryPoints: [path.join(here, 'deno-host', 'function-host.ts')], outfile: tmp })
  fs.renameSync(tmp, out)
  return out
}

/** The host script's path (built on first use when running from the sources). */
export function functionHostScript(): Promise<string> {
  const prebuilt = findPrebuilt()
  if (prebuilt) return Promise.resolve(prebuilt)
  cached ??= buildFromSources()
  cached.catch(() => (cached = undefined))
  return cached
}
