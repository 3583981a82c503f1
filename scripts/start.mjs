// scripts/start.mjs — `npm start [-- flags]`: builds the app, then opens the desktop window. Where
// Electron cannot run (no binary to be had, no display), it says why in one line and runs the same
// runtime headless instead, printing the studio URL to open in a browser.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import path from 'node:path'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const ELECTRON_DIR = path.join(ROOT, 'node_modules', 'electron')
const USER_ARGS = process.argv.slice(2)

// Electron's own installer downloads ~100 MB from GitHub; offline it fails in well under a second,
// behind a silent firewall it would hang, so it gets a bounded attempt.
const ELECTRON_FETCH_TIMEOUT_MS = 120_000
// An Electron that dies this soon, before our main process said anything, never started at all
// (missing shared libraries, refused sandbox, …): fall back instead of giving up.
const EARLY_EXIT_MS = 10_000
// Every line our main process prints on failure starts with this (electron/main/index.ts).
const MAIN_PROCESS_PREFIX = 'Fluxbase Studio'

let current // the child (Electron, or the headless CLI) that signals are forwarded to

build()
const reason = electronUnavailableReason()
if (reason) fallBackToHeadless(reason)
else launchElectron()

function build() {
  for (const [what, script] of [
    ['server', ['scripts/build-server.mjs']],
    ['app', [path.join('node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build', '--logLevel', 'warn']],
  ]) {
    const result = spawnSync(process.execPath, script, { cwd: ROOT, stdio: 'inherit' })
    if (result.status !== 0) {
      console.error(`npm start: building the ${what} failed; see the output above.`)
      process.exit(result.status ?? 1)
    }
  }
}

/** Why the desktop app cannot start here, or undefined when it should. */
function electronUnavailableReason() {
  // Checked first: with nowhere to draw a window, downloading Electron would be wasted time.
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return 'no display (neither DISPLAY nor WAYLAND_DISPLAY is set)'
  }
  if (electronBinary()) return undefined
  const failure = fetchElectron()
  if (electronBinary()) return undefined
  return `the Electron binary is not installed and could not be downloaded (${failure})`
}

function electronBinary() {
  try {
    const relative = readFileSync(path.join(ELECTRON_DIR, 'path.txt'), 'utf8').trim()
    const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(ELECTRON_DIR, 'dist'), relative)
    return existsSync(binary) ? binary : undefined
  } catch {
    return undefined
  }
}

/** Runs Electron's own installer once; returns a few words on why it failed (if it did). */
function fetchElectron() {
  console.log('Fetching the Electron binary (first launch only)…')
  const result = spawnSync(process.execPath, [path.join(ELECTRON_DIR, 'install.js')], {
    cwd: ELECTRON_DIR,
    encoding: 'utf8',
    timeout: ELECTRON_FETCH_TIMEOUT_MS,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
  if (result.error?.code === 'ETIMEDOUT') return `no answer within ${ELECTRON_FETCH_TIMEOUT_MS / 1000} s`
  if (result.error) return result.error.message
  if (result.status === 0) return 'the installer finished but left no binary'
  return firstErrorLine(result.stderr) ?? `installer exited with code ${result.status}`
}

function firstErrorLine(text) {
  const line = text
    ?.split('\n')
    .map((l) => l.trim())
    .find((l) => /error|fail|ENOTFOUND|ECONN|EAI_AGAIN|ETIMEDOUT/i.test(l) && !l.startsWith('at '))
  return line?.replace(/^(Error|RequestError|HTTPError):\s*/, '').slice(0, 160)
}

function launchElectron() {
  const flags = []
  // Chromium refuses to run as root with its sandbox on; root means a container or CI box here.
  if (process.platform === 'linux' && process.getuid?.() === 0) flags.push('--no-sandbox')
  const startedAt = Date.now()
  const child = spawn(electronBinary(), [ROOT, ...flags, ...USER_ARGS], { cwd: ROOT, stdio: ['inherit', 'inherit', 'pipe'] })

  // Hold stderr back until Electron has proved it runs, so a failed start costs the user one line.
  let held = ''
  let settled = false
  const settle = () => {
    if (settled) return
    settled = true
    process.stderr.write(held)
    held = ''
    child.stderr.pipe(process.stderr)
  }
  child.stderr.on('data', (chunk) => {
    if (settled) return
    held += chunk
    if (held.includes(MAIN_PROCESS_PREFIX)) settle()
  })
  const timer = setTimeout(settle, EARLY_EXIT_MS)

  forwardSignals(child)
  child.on('error', (error) => {
    clearTimeout(timer)
    fallBackToHeadless(`Electron could not be launched (${error.message})`)
  })
  child.on('exit', (code, signal) => {
    clearTimeout(timer)
    const early = !settled && Date.now() - startedAt < EARLY_EXIT_MS
    if (early && (signal || code !== 0)) {
      const detail = firstErrorLine(held) ?? held.trim().split('\n').pop() ?? (signal ? `killed by ${signal}` : `exit code ${code}`)
      fallBackToHeadless(`Electron failed to start (${detail.slice(0, 160)})`)
      return
    }
    settle()
    exitLike(code, signal)
  })
}

function fallBackToHeadless(reason) {
  console.log(`Desktop app unavailable: ${reason}. Starting the headless runtime instead.`)
  const cli = path.join(ROOT, 'out', 'server', 'cli.js')
  // --quiet: the CLI's own banner would repeat what is printed below from its READY line.
  const quiet = USER_ARGS.includes('--quiet') ? [] : ['--quiet']
  const child = spawn(process.execPath, [cli, '--exit-with-parent', ...quiet, ...USER_ARGS], { cwd: ROOT, stdio: ['inherit', 'pipe', 'inherit'] })
  forwardSignals(child)
  readline.createInterface({ input: child.stdout }).on('line', (line) => {
    const ready = readyInfo(line)
    if (!ready) return void console.log(line)
    console.log(`Fluxbase Studio is running.\n  API:    ${ready.apiUrl}\n  Data:   ${ready.dataDir}\nOpen the studio: ${ready.studioUrl}\nPress Ctrl+C to stop.`)
  })
  child.on('error', (error) => {
    console.error(`npm start: could not run the headless runtime: ${error.message}`)
    process.exit(1)
  })
  child.on('exit', exitLike)
}

function readyInfo(line) {
  if (!line.startsWith('READY ')) return undefined
  try {
    const info = JSON.parse(line.slice('READY '.length))
    return typeof info.studioUrl === 'string' ? info : undefined
  } catch {
    return undefined
  }
}

function forwardSignals(child) {
  // One child at a time: a headless fallback replaces an Electron that failed to start.
  const first = current === undefined
  current = child
  if (!first) return
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.on(signal, () => {
      if (current.exitCode !== null || current.signalCode !== null) return
      // A closed terminal (SIGHUP) still deserves a clean stop of PostgreSQL.
      current.kill(signal === 'SIGHUP' ? 'SIGTERM' : signal)
    })
  }
}

function exitLike(code, signal) {
  if (signal) {
    // Die of the same signal, so whoever started us sees what really happened.
    process.removeAllListeners(signal)
    process.kill(process.pid, signal)
    return
  }
  process.exit(code ?? 1)
}
