// functions/host-bundle.ts — the script every functions worker runs: deno-host/function-host.ts and the clients
// (with @supabase/postgrest-js) bundled into one ES module by esbuild. The built app carries it prebuilt
// (scripts/build-server.mjs → out/server/deno/function-host.js); from the sources (tests) it is built here once
// into the temp folder, named by the hash of its inputs.
import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'


/** esbuild options shared with scripts/build-server.mjs: Deno runs browser-style ES modules. */
export const HOST_BUILD_OPTIONS = { bundle: true, format: 'esm', platform: 'neutral', target: 'es2022', mainFields: ['module', 'main'], logLevel: 'warning' } as const

const cached = new Map<string, Promise<string>>()

function findPrebuilt(prebuilt: string): string | undefined {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  // out/server/chunks, out/server (the CLI), out/main (the desktop app bundles the server there).
  for (let i = 0; i < 3; i++) {
    for (const candidate of [path.join(dir, prebuilt), path.join(dir, 'server', prebuilt)]) if (fs.existsSync(candidate)) return candidate
    dir = path.dirname(dir)
  }
  return undefined
}

/** Every source a host bundle may include: the hosts' folders and the channel. */
function hostSources(serverDir: string): string[] {
  const dirs = [path.join(serverDir, 'functions', 'deno-host'), path.join(serverDir, 'jobs', 'deno-host')]
  const files = dirs.flatMap((d) => (fs.existsSync(d) ? fs.readdirSync(d).map((f) => path.join(d, f)) : []))
  return [...files, path.join(serverDir, 'deno', 'host-channel.ts'), path.join(serverDir, 'deno', 'host-protocol.ts')].sort()
}

async function buildFromSources(serverDir: string, entry: string, name: string): Promise<string> {
  const hash = crypto.createHash('sha256')
  for (const f of hostSources(serverDir)) hash.update(fs.readFileSync(f))
  const out = path.join(os.tmpdir(), `fluxbase-function-host-${process.getuid?.() ?? 'user'}`, `${name}-${hash.digest('hex').slice(0, 16)}.js`)
  if (fs.existsSync(out)) return out
  // esbuild is a build tool (devDependency): only the source tree reaches this line.
  const { build } = await import('esbuild')
  const tmp = `${out}.${process.pid}.tmp`
  await build({ ...HOST_BUILD_OPTIONS, mainFields: [...HOST_BUILD_OPTIONS.mainFields], entryPoints: [path.join(serverDir, entry)], outfile: tmp })
  fs.renameSync(tmp, out)
  return out
}

/**
 * The script of a Deno host (`name`: function-host or job-host; `entry` relative to electron/server): the built
 * app's prebuilt copy (out/server/deno/NAME.js), else built from the sources on first use.
 */
export function hostScript(name: string, entry: string): Promise<string> {
  const prebuilt = findPrebuilt(path.join('deno', `${name}.js`))
  if (prebuilt) return Promise.resolve(prebuilt)
  let p = cached.get(name)
  if (!p) {
    const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
    p = buildFromSources(serverDir, entry, name)
    p.catch(() => cached.delete(name))
    cached.set(name, p)
  }
  return p
}

/** The functions host's script path (built on first use when running from the sources). */
export function functionHostScript(): Promise<string> {
  return hostScript('function-host', path.join('functions', 'deno-host', 'function-host.ts'))
}
