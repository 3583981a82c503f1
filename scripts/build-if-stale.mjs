// scripts/build-if-stale.mjs — `npm run serve`'s first step: builds the headless runtime (out/server) and the studio
// UI (out/renderer) only when their sources changed since the last build, so a fresh clone serves a working studio
// and a current build costs a few milliseconds (a stat of each source file, no compiler started).
//
// Each build's inputs are fingerprinted (path, size and modification time of every file, hashed) and the
// fingerprint is written beside the output after a successful build; a differing or missing fingerprint means
// "build". Added, removed, edited and checked-out files all change it.
import { spawnSync } from 'node:child_process'
import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

const BUILDS = [
  {
    what: 'server',
    inputs: ['electron/server', 'contract', 'scripts/build-server.mjs', 'package-lock.json'],
    output: 'out/server/cli.js',
    stamp: 'out/server/.inputs',
    command: ['scripts/build-server.mjs'],
  },
  {
    what: 'studio UI',
    inputs: ['renderer', 'contract', 'vite.renderer.config.ts', 'package-lock.json'],
    output: 'out/renderer/index.html',
    stamp: 'out/renderer/.inputs',
    command: [path.join('node_modules', 'vite', 'bin', 'vite.js'), 'build', '--config', 'vite.renderer.config.ts', '--logLevel', 'warn'],
  },
]

function listFiles(relative, into) {
  const full = path.join(ROOT, relative)
  let stat
  try {
    stat = fs.statSync(full)
  } catch {
    return
  }
  if (stat.isDirectory()) {
    for (const name of fs.readdirSync(full).sort()) {
      if (name === 'node_modules' || name.startsWith('.')) continue
      listFiles(path.join(relative, name), into)
    }
  } else {
    into.push(`${relative}\0${stat.size}\0${stat.mtimeMs}`)
  }
}

function fingerprint(inputs) {
  const files = []
  for (const input of inputs) listFiles(input, files)
  return crypto.createHash('sha256').update(files.join('\n')).digest('hex')
}

function readStamp(file) {
  try {
    return fs.readFileSync(path.join(ROOT, file), 'utf8').trim()
  } catch {
    return undefined
  }
}

for (const build of BUILDS) {
  const current = fingerprint(build.inputs)
  if (fs.existsSync(path.join(ROOT, build.output)) && readStamp(build.stamp) === current) continue
  process.stderr.write(`Building the ${build.what}…\n`)
  const result = spawnSync(process.execPath, build.command, { cwd: ROOT, stdio: 'inherit' })
  if (result.status !== 0) {
    process.stderr.write(`npm run serve: building the ${build.what} failed; see the output above.\n`)
    process.exit(result.status ?? 1)
  }
  fs.writeFileSync(path.join(ROOT, build.stamp), current + '\n')
}
