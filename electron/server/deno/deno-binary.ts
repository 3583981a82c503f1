// deno/deno-binary.ts — where the Deno executable is: the npm `deno` package's platform package carries it
// (@deno/<platform>), so the app needs no download and no Deno on the PATH. DENO_BINARY overrides it.
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { createRequire } from 'node:module'

let cached: string | undefined

function platformPackage(): string {
  const arch = os.arch() === 'arm64' ? 'arm64' : 'x64'
  if (process.platform === 'win32') return `@deno/win32-${arch}`
  if (process.platform === 'darwin') return `@deno/darwin-${arch}`
  return `@deno/linux-${arch}-glibc`
}

/** The absolute path of the Deno executable; throws an error naming the package to install when there is none. */
export function denoBinary(): string {
  if (cached) return cached
  const exe = process.platform === 'win32' ? 'deno.exe' : 'deno'
  const override = process.env.DENO_BINARY
  if (override) {
    if (!fs.existsSync(override)) throw new Error(`DENO_BINARY points to ${override}, which does not exist`)
    return (cached = override)
  }
  const require = createRequire(import.meta.url)
  const candidates: string[] = []
  try {
    // The platform package is a dependency of `deno`: resolve it from there first, then from the app.
    const denoDir = path.dirname(require.resolve('deno/package.json'))
    candidates.push(path.join(denoDir, exe))
    candidates.push(path.join(path.dirname(createRequire(path.join(denoDir, 'package.json')).resolve(`${platformPackage()}/package.json`)), exe))
  } catch {
    // Fall through to the app's own resolution below.
  }
  try {
    candidates.push(path.join(path.dirname(require.resolve(`${platformPackage()}/package.json`)), exe))
  } catch {
    // Reported below.
  }
  const found = candidates.find((c) => fs.existsSync(c))
  if (!found) throw new Error(`Deno is not installed: the npm package ${platformPackage()} (a dependency of "deno") is missing; run npm install`)
  return (cached = found)
}
