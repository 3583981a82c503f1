// electron/main/window-state.ts — remembers the window's size, position and maximised state in a
// small JSON file under userData, and refuses saved positions that no longer land on a display.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { screen, type BrowserWindow, type Rectangle } from 'electron'

export interface WindowState {
  x?: number
  y?: number
  width: number
  height: number
  maximized: boolean
}

const DEFAULT_STATE: WindowState = { width: 1200, height: 800, maximized: false }
const MIN_WIDTH = 640
const MIN_HEIGHT = 480

export const WINDOW_MIN_SIZE = { width: MIN_WIDTH, height: MIN_HEIGHT } as const

export function loadWindowState(file: string): WindowState {
  let saved: Partial<WindowState>
  try {
    saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<WindowState>
  } catch {
    // First launch, or a file we cannot read: the defaults are a fine answer to both.
    return { ...DEFAULT_STATE }
  }
  const state: WindowState = {
    width: clampSize(saved.width, DEFAULT_STATE.width, MIN_WIDTH),
    height: clampSize(saved.height, DEFAULT_STATE.height, MIN_HEIGHT),
    maximized: saved.maximized === true,
  }
  if (Number.isInteger(saved.x) && Number.isInteger(saved.y)) {
    const bounds = { x: saved.x as number, y: saved.y as number, width: state.width, height: state.height }
    // A monitor that was unplugged since last time would leave the window off-screen.
    if (isVisibleOnSomeDisplay(bounds)) Object.assign(state, { x: bounds.x, y: bounds.y })
  }
  return state
}

/** Saves the state whenever the window settles and once more when it closes. */
export function trackWindowState(window: BrowserWindow, file: string): void {
  let timer: NodeJS.Timeout | undefined
  const save = (): void => {
    if (window.isDestroyed()) return
    // Normal bounds, so that a maximised window restores to the size the user gave it.
    const bounds = window.getNormalBounds()
    saveWindowState(file, { ...bounds, maximized: window.isMaximized() })
  }
  const saveSoon = (): void => {
    clearTimeout(timer)
    timer = setTimeout(save, 500)
  }
  window.on('resize', saveSoon)
  window.on('move', saveSoon)
  window.on('maximize', saveSoon)
  window.on('unmaximize', saveSoon)
  window.on('close', () => {
    clearTimeout(timer)
    save()
  })
}

function saveWindowState(file: string, state: WindowState): void {
  try {
    mkdirSync(dirname(file), { recursive: true })
    // Write then rename, so a crash mid-write never leaves a truncated file behind.
    const temporary = `${file}.tmp`
    writeFileSync(temporary, JSON.stringify(state))
    renameSync(temporary, file)
  } catch (error) {
    console.warn(`Could not save the window position: ${(error as Error).message}`)
  }
}

function clampSize(value: unknown, fallback: number, minimum: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.max(Math.round(value), minimum) : fallback
}

function isVisibleOnSomeDisplay(bounds: Rectangle): boolean {
  // Demand a reasonable strip of the title bar on screen, not just one pixel.
  const grip = 64
  return screen.getAllDisplays().some(({ workArea: area }) =>
    bounds.x + bounds.width - grip >= area.x &&
    bounds.x + grip <= area.x + area.width &&
    bounds.y >= area.y &&
    bounds.y + grip <= area.y + area.height,
  )
}
